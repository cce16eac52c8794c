import http from 'node:http';
import type pg from 'pg';
import * as z from 'zod';
import { PULL_LIMIT_MAX, zAcceptInviteRequest, zCreateTeamRequest, zPushRequest, zSignInRequest } from '../../features/team/protocol';
import { FailureLimiter } from './auth';
import { acceptInvite, AuthError, endSession, personOfToken, signIn } from './people';
import { push } from './push';
import { pull, resolveConflict, snapshot } from './read';
import { BadRequest, createTeam } from './teamCreate';
import type { HandlerRegistry } from '../../platform/registry';
import type { OpenBookOptions } from '../../platform/book';
import { startWebServer, type WebServer } from '../web/server';
import { webBooks } from './webBooks';

// The team server's HTTP API (JSON under /v1, docs in the README's "Team server"). Plain
// node:http: a handful of routes, each a call into push/read/people/teamCreate.

const BODY_MAX = 32 * 1024 * 1024;
/** The initial upload carries a whole book. */
const CREATE_BODY_MAX = 1024 * 1024 * 1024;

export interface TeamServer {
  url: string;
  close(): Promise<void>;
}

/** The browser app on the same port: the renderer and the web API, each person on their own book. */
export interface TeamWebOptions {
  rendererDir: string;
  registry: HandlerRegistry;
  /** The people's books (in the server's data folder). */
  booksDir: string;
  /** Public Host headers (behind the deployer's TLS proxy), besides 127.0.0.1/localhost:port. */
  hosts?: string[];
  secureCookie?: boolean;
  bookOptions?: OpenBookOptions;
}

/** Browser requests: everything but the JSON API, and the sign-in form's POST. */
const isBrowserRoute = (req: http.IncomingMessage, p: string) =>
  !p.startsWith('/v1/') ||
  (req.method === 'POST' && p === '/v1/sign-in' && /^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? ''));

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startTeamServer(pool: pg.Pool, opts: { port: number; host: string; web?: TeamWebOptions }): Promise<TeamServer> {
  const limiter = new FailureLimiter();
  let selfUrl = '';
  let browser: { web: WebServer; books: ReturnType<typeof webBooks> } | null = null;
  if (opts.web) {
    const books = webBooks({
      pool,
      limiter,
      dir: opts.web.booksDir,
      selfUrl: () => selfUrl,
      hosts: opts.web.hosts ?? [],
      secureCookie: opts.web.secureCookie ?? false,
      bookOptions: opts.web.bookOptions,
    });
    const web = await startWebServer({
      ctx: null,
      sessions: books,
      listen: false,
      registry: opts.web.registry,
      rendererDir: opts.web.rendererDir,
    });
    browser = { web, books };
  }
  const server = http.createServer((req, res) => {
    if (browser && isBrowserRoute(req, new URL(req.url ?? '/', 'http://team').pathname)) return browser.web.listener(req, res);
    route(pool, limiter, req)
      .then((body) => send(res, 200, body))
      .catch((e: unknown) => {
        const err = toHttpError(e);
        if (err.status >= 500) console.error('team server:', e);
        send(res, err.status, { error: err.code, message: err.message });
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      browser?.web.setPort(port);
      // The books reach this server on loopback whatever address it listens on.
      selfUrl = `http://127.0.0.1:${port}`;
      resolve({
        url: `http://${opts.host}:${port}`,
        close: async () => {
          await new Promise<void>((done) => server.close(() => done()));
          await browser?.web.close();
          browser?.books.closeAll();
        },
      });
    });
  });
}

async function route(pool: pg.Pool, limiter: FailureLimiter, req: http.IncomingMessage): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://team');
  const method = req.method ?? 'GET';
  const p = url.pathname;
  if (method === 'POST' && p === '/v1/sign-in') {
    const b = parse(zSignInRequest, await readJson(req, BODY_MAX));
    return signIn(pool, limiter, b.email, b.password);
  }
  if (method === 'POST' && p === '/v1/accept-invite') {
    const b = parse(zAcceptInviteRequest, await readJson(req, BODY_MAX));
    return acceptInvite(pool, limiter, b.email, b.code, b.password);
  }
  if (method === 'POST' && p === '/v1/team/create') {
    return createTeam(pool, parse(zCreateTeamRequest, await readJson(req, CREATE_BODY_MAX)));
  }
  if (method === 'POST' && p === '/v1/sign-out') {
    // Ends the presented session (its row is deleted); answered the same for an already ended one.
    const token = bearer(req);
    if (!token) throw new HttpError(401, 'unauthorized', 'Sign-out needs the session token (Authorization: Bearer …).');
    await endSession(pool, token);
    return { ok: true };
  }
  const personId = await authenticate(pool, req);
  if (method === 'GET' && p === '/v1/snapshot') return snapshot(pool, personId);
  if (method === 'POST' && p === '/v1/push') {
    return { results: await push(pool, personId, parse(zPushRequest, await readJson(req, BODY_MAX))) };
  }
  if (method === 'GET' && p === '/v1/pull') {
    const after = intParam(url, 'after', 0);
    const limit = Math.min(intParam(url, 'limit', 1000), PULL_LIMIT_MAX);
    if (limit < 1) throw new HttpError(400, 'bad-request', 'limit must be at least 1');
    return pull(pool, personId, after, limit);
  }
  const resolve = /^\/v1\/conflicts\/([^/]+)\/resolve$/.exec(p);
  if (method === 'POST' && resolve) {
    const done = await resolveConflict(pool, personId, decodeURIComponent(resolve[1]!));
    if (!done) throw new HttpError(404, 'not-found', 'No open conflict of yours has this id.');
    return done;
  }
  throw new HttpError(404, 'not-found', `${method} ${p} is not part of the team API`);
}

const bearer = (req: http.IncomingMessage): string | null => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;

async function authenticate(pool: pg.Pool, req: http.IncomingMessage): Promise<string> {
  const token = bearer(req);
  const personId = token ? await personOfToken(pool, token) : null;
  if (!personId) throw new HttpError(401, 'unauthorized', 'Sign in first (the token is missing, unknown or expired).');
  return personId;
}

function intParam(url: URL, name: string, fallback: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw new HttpError(400, 'bad-request', `${name} must be a whole number`);
  return Number(raw);
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const first = r.error.issues[0]!;
    throw new HttpError(400, 'bad-request', `${first.path.join('.') || 'body'}: ${first.message}`);
  }
  return r.data;
}

function readJson(req: http.IncomingMessage, max: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        reject(new HttpError(413, 'too-large', `The request is larger than ${max} bytes.`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HttpError(400, 'bad-request', 'The body is not JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof AuthError) return new HttpError(e.status, e.status === 429 ? 'rate-limited' : 'unauthorized', e.message);
  if (e instanceof BadRequest) return new HttpError(400, 'bad-request', e.message);
  return new HttpError(500, 'internal', 'The team server failed on this request; see its log.');
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
