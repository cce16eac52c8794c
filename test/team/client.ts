import type {
  CreateTeamRequest,
  CreateTeamResponse,
  PullResponse,
  PushChange,
  PushResponse,
  SignInResponse,
  SnapshotResponse,
} from '../../src/features/team/protocol';

/** A tiny client of the team server's HTTP API for tests: what a desktop book sends, no desktop. */
export class TeamClient {
  token: string | null = null;
  last = 0;
  constructor(readonly url: string) {}

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(this.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async ok<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const r = await this.call<T>(method, path, body);
    if (r.status !== 200) throw new Error(`${method} ${path} -> ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  createTeam(req: CreateTeamRequest): Promise<CreateTeamResponse> {
    return this.ok('POST', '/v1/team/create', req);
  }

  async signIn(email: string, password: string): Promise<SignInResponse> {
    const r = await this.ok<SignInResponse>('POST', '/v1/sign-in', { email, password });
    this.token = r.token;
    return r;
  }

  async acceptInvite(email: string, code: string, password: string): Promise<SignInResponse> {
    const r = await this.ok<SignInResponse>('POST', '/v1/accept-invite', { email, code, password });
    this.token = r.token;
    return r;
  }

  snapshot(): Promise<SnapshotResponse> {
    return this.ok('GET', '/v1/snapshot');
  }

  push(changes: PushChange[], basePosition = this.last): Promise<PushResponse> {
    return this.ok('POST', '/v1/push', { basePosition, changes });
  }

  /** Pulls until !more, advancing `last`; returns every page's changes and the last page's conflicts. */
  async pullAll(limit = 1000): Promise<PullResponse> {
    const all: PullResponse = { changes: [], conflicts: [], last: this.last, more: false };
    for (;;) {
      const page = await this.ok<PullResponse>('GET', `/v1/pull?after=${this.last}&limit=${limit}`);
      all.changes.push(...page.changes);
      all.conflicts = page.conflicts;
      this.last = page.last;
      all.last = page.last;
      if (!page.more) return all;
    }
  }
}

let counter = 0;
/** A change as the desktop's change_log would send it (ids unique per test run). */
export function change(
  table: string,
  rowId: string,
  op: PushChange['op'],
  changes: PushChange['changes'],
  at = '2026-12-01T08:00:00.000Z',
): PushChange {
  counter++;
  return { id: `chg-${process.pid}-${Date.now()}-${counter}`, table, rowId, op, changes, at };
}
