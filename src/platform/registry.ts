import * as z from 'zod';
import type { ChannelSpec, ContractShape } from '../shared/contract/define';
import { AppError, toErrorShape, type ErrorShape } from '../shared/errors';
import type { ServerContext } from './context';
import type { Job } from './jobs';

export type Input<S extends ChannelSpec> = z.output<S['input']>;
export type Output<S extends ChannelSpec> = z.input<S['output']>;

export type HandlerFn<S extends ChannelSpec> = (input: Input<S>, ctx: ServerContext, job: Job) => Output<S> | Promise<Output<S>>;

export type Handlers<C extends ContractShape> = { [K in keyof C]: HandlerFn<C[K]> };

export type Result<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorShape };

/**
 * Handlers are plain functions. `invoke` is the single door every transport (Electron's
 * IPC, the HTTP server, the test bridge, the CLI) goes through: parse the input with the
 * channel's schema, run the handler, map errors to { code, message, details }.
 */
export class HandlerRegistry {
  private readonly specs: ContractShape;
  private readonly fns: Record<string, HandlerFn<ChannelSpec>> = {};
  private readonly validateOutput: boolean;

  constructor(contract: ContractShape, opts: { validateOutput?: boolean } = {}) {
    this.specs = contract;
    this.validateOutput = opts.validateOutput ?? process.env.SW_VALIDATE_OUTPUT === '1';
  }

  /**
   * Registers a handler for every channel of `contract` (the type demands all of them, so a
   * channel declared without its handler fails the build). A contract whose channels are
   * served by several maps is registered once with the maps spread together.
   */
  register<C extends ContractShape>(contract: C, handlers: Handlers<C>): this {
    for (const [name, fn] of Object.entries(handlers)) {
      if (!(name in this.specs)) throw new Error(`handler for undeclared channel ${name}`);
      if (name in this.fns) throw new Error(`handler registered twice: ${name}`);
      this.fns[name] = fn as HandlerFn<ChannelSpec>;
    }
    return this;
  }

  /** Every channel of the contract (including those a platform answers itself). */
  channels(): string[] {
    return Object.keys(this.specs);
  }

  has(channel: string): boolean {
    return channel in this.fns;
  }

  /** Parses a channel's input without running it (for channels a platform answers itself). */
  async invokeValidateOnly(channel: string, rawInput: unknown): Promise<Result> {
    const spec = Object.hasOwn(this.specs, channel) ? this.specs[channel] : undefined;
    if (!spec) return { ok: false, error: { code: 'not-found', message: `unknown channel ${String(channel).slice(0, 80)}` } };
    const parsed = spec.input.safeParse(rawInput ?? {});
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: invalidInput(channel, parsed.error) };
  }

  async invoke(ctx: ServerContext, channel: string, rawInput: unknown): Promise<Result> {
    const spec = Object.hasOwn(this.specs, channel) ? this.specs[channel] : undefined;
    if (!spec) return { ok: false, error: { code: 'not-found', message: `unknown channel ${String(channel).slice(0, 80)}` } };
    // Input is checked first, so a malformed call gets the same answer on every platform.
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: invalidInput(channel, parsed.error) };
    const fn = Object.hasOwn(this.fns, channel) ? this.fns[channel] : undefined;
    if (!fn) return { ok: false, error: { code: 'not-found', message: `${channel} is not available here` } };
    const jobId = (parsed.data as { jobId?: string } | null)?.jobId;
    const job = ctx.jobs.start(spec.long ? jobId : undefined);
    try {
      const value = await fn(parsed.data, ctx, job);
      if (this.validateOutput) {
        const out = spec.output.safeParse(value);
        if (!out.success) throw new Error(`${channel} returned a value its contract does not allow: ${z.prettifyError(out.error)}`);
      }
      job.finish('done');
      return { ok: true, value };
    } catch (err) {
      const shape = toErrorShape(sqliteToAppError(err));
      job.finish(shape.code === 'cancelled' ? 'cancelled' : 'failed');
      if (shape.code === 'internal' && process.env.SW_QUIET !== '1') console.error(`[${channel}]`, err);
      return { ok: false, error: shape };
    }
  }

  /** invoke, but returns the value or throws AppError: for the CLI and tests. */
  async call<T = unknown>(ctx: ServerContext, channel: string, input: unknown): Promise<T> {
    const r = await this.invoke(ctx, channel, input);
    if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
    return r.value as T;
  }
}

function invalidInput(channel: string, error: z.ZodError): ErrorShape {
  const issues = error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  return {
    code: 'invalid-input',
    message: `${channel}: invalid input${first ? ` at ${first.path || '(root)'}: ${first.message}` : ''}`,
    details: { issues },
  };
}

/** SQLite's busy/locked errors say "another program holds the file", not "internal error". */
function sqliteToAppError(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new AppError('db-locked', 'The database is locked by another program; nothing was changed. Close it there and try again.');
  }
  if (code === 'SQLITE_FULL') return new AppError('internal', 'The disk is full; nothing was changed.');
  return err;
}
