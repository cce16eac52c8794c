import * as z from 'zod';
import { AppError } from '../../../shared/errors';
import type { TeamErrorCode } from '../contract';
import {
  zCreateTeamResponse,
  zPullResponse,
  zPushResponse,
  zResolveResponse,
  zSignInResponse,
  zSnapshotResponse,
  type CreateTeamRequest,
  type PushRequest,
} from '../protocol';

// The team server's HTTP API as the desktop calls it. Every answer is checked against the
// protocol's schema; a server that cannot be reached is TeamOffline (sync keeps everything
// pending and says why), an answer with an error status is an AppError with its message.

export class TeamOffline extends Error {
  constructor(
    url: string,
    cause: unknown,
    /** 'rate-limited': the server answered 429 (too many sign-in tries), not down. */
    readonly teamError: 'offline' | 'rate-limited' = 'offline',
  ) {
    super(`The team server at ${url} cannot be reached (${cause instanceof Error ? cause.message : String(cause)}).`);
    this.name = 'TeamOffline';
  }
}

/** Routes where 401 means a wrong email, password or invite code rather than an ended session. */
const SIGN_IN_PATHS = new Set(['/sign-in', '/accept-invite']);

function errorOfStatus(status: number, path: string): TeamErrorCode {
  if (status === 401) return SIGN_IN_PATHS.has(path) ? 'wrong-credentials' : 'signed-out';
  if (status === 403) return 'forbidden';
  return 'rejected';
}

const TIMEOUT_MS = 60_000;
const SIGN_OUT_TIMEOUT_MS = 10_000;
const zSignedOut = z.object({ ok: z.literal(true) });

export function normaliseServerUrl(url: string): string {
  const u = new URL(url.trim());
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new AppError('invalid-input', 'The server address must start with http:// or https://');
  return u.origin + u.pathname.replace(/\/+$/, '');
}

export class TeamClient {
  constructor(
    readonly baseUrl: string,
    private token: string | null = null,
  ) {}

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: T,
    body?: unknown,
    timeoutMs = TIMEOUT_MS,
  ): Promise<z.infer<T>> {
    const url = `${this.baseUrl}/v1${path}`;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new TeamOffline(this.baseUrl, (err as { cause?: unknown }).cause ?? err);
    }
    let json: unknown;
    try {
      json = await res.json();
    } catch (err) {
      if (res.ok) throw new TeamOffline(this.baseUrl, err);
      json = null;
    }
    if (!res.ok) {
      const message = (json as { message?: unknown } | null)?.message;
      const text = typeof message === 'string' ? message : `HTTP ${res.status}`;
      if (res.status >= 500 || res.status === 429)
        throw new TeamOffline(this.baseUrl, new Error(text), res.status === 429 ? 'rate-limited' : 'offline');
      throw new AppError(res.status === 401 || res.status === 403 ? 'forbidden' : 'invalid-input', `Team server: ${text}`, {
        status: res.status,
        teamError: errorOfStatus(res.status, path),
      });
    }
    return schema.parse(json);
  }

  setToken(token: string | null): void {
    this.token = token;
  }

  signIn(email: string, password: string) {
    return this.call('POST', '/sign-in', zSignInResponse, { email, password });
  }
  acceptInvite(email: string, code: string, password: string) {
    return this.call('POST', '/accept-invite', zSignInResponse, { email, code, password });
  }
  createTeam(req: CreateTeamRequest) {
    return this.call('POST', '/team/create', zCreateTeamResponse, req);
  }
  snapshot() {
    return this.call('GET', '/snapshot', zSnapshotResponse);
  }
  push(req: PushRequest) {
    return this.call('POST', '/push', zPushResponse, req);
  }
  pull(after: number, limit: number) {
    return this.call('GET', `/pull?after=${after}&limit=${limit}`, zPullResponse);
  }
  /** Ends this token's session on the server (its row is deleted); a person signing out does not wait long. */
  signOut() {
    return this.call('POST', '/sign-out', zSignedOut, {}, SIGN_OUT_TIMEOUT_MS);
  }
  resolveConflict(id: string) {
    return this.call('POST', `/conflicts/${encodeURIComponent(id)}/resolve`, zResolveResponse, {});
  }
}
