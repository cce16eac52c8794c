// Errors that cross the contract boundary. A handler throws AppError; every transport
// (IPC, HTTP, CLI, test bridge) turns it into the same { code, message, details } shape,
// so the renderer can show a translated message and a CLI can print it.
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'validation'
  | 'import-rejected'
  | 'bad-file'
  | 'cancelled'
  | 'db-newer'
  | 'db-damaged'
  | 'db-locked'
  | 'bad-setting'
  | 'forbidden'
  | 'internal';

export interface ErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toShape(): ErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function toErrorShape(err: unknown): ErrorShape {
  if (err instanceof AppError) return err.toShape();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message };
}

/** Thrown by the renderer's client when a call fails; carries the server's shape. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(shape: ErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.code = shape.code;
    this.details = shape.details;
  }
}
