import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ServerContext } from '../../platform/context';
import type { HandlerRegistry } from '../../platform/registry';
import { cookieValue, hostAllowed, originAllowed, routeKind, type RouteKind } from './gate';
import { pageLanguage, signInPage } from './signInPage';

const SESSION_COOKIE = 'sw-session';
const CLEAR_SESSION_COOKIE = `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;

// `npm run web`: the built renderer and the contract's channels over HTTP, for a browser
// on this machine. Loopback only, Host checked, other origins refused (gate.ts), a per-start
// token in a header on every API request, bodies size-limited and parsed by the same
// registry (schemas) as Electron's IPC.

export const WEB_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Another origin may not even embed what this server answers (a <script src> of the
// bundle, an <img> of a download): the browser drops the response.
const NO_EMBED = { 'cross-origin-resource-policy': 'same-origin' };

const MAX_JSON = 64 * 1024 * 1024; // the export of a 2M-row view sends its ids
const MAX_UPLOAD = 512 * 1024 * 1024;
// Channels a browser cannot use: native dialogs are replaced by upload/download here.
const BROWSER_FORBIDDEN = new Set(['files:pickOpen', 'files:pickSave']);

/**
 * Sign-in instead of the per-start token (the team server serves the app to its people's
 * browsers): each API request runs against the book of the person whose session cookie it
 * carries. The cookie is HttpOnly and SameSite=Strict; every API request must also carry the
 * x-sw-token header (any value: the page's own script adds it, another origin cannot without a
 * CORS preflight this server never grants), and the origin checks of gate.ts still apply.
 */
export interface WebSessions {
  /** A new session for these credentials (its cookie value), or why not. */
  signIn(email: string, password: string): Promise<{ ok: true; session: string } | { ok: false; status: number; message: string }>;
  /** The book of a live session, or null. */
  contextOf(session: string): Promise<ServerContext | null>;
  /** Before each API call on that book (fresh enough from the team?). */
  beforeCall(ctx: ServerContext): Promise<void>;
  /** After each API call on that book (a write is pushed at once). */
  afterCall(ctx: ServerContext): Promise<void>;
  /** Ends a session. */
  signOut(session: string): Promise<void>;
  /** Host headers accepted besides 127.0.0.1/localhost on the port (the deployer's public name). */
  hostAllowed(host: string | undefined): boolean;
  /** Mark the cookie Secure (TLS terminates in front of the server: the deployer says so). */
  secureCookie: boolean;
  /** Channels a team member's browser may not call (switching books, signing the server's book out…). */
  forbidden: ReadonlySet<string>;
}

export interface WebServerOptions {
  /** The book (per-start-token mode); unused with `sessions`. */
  ctx: ServerContext | null;
  sessions?: WebSessions;
  /** false: do not listen; mount `listener` on another server (the team server does). */
  listen?: boolean;
  registry: HandlerRegistry;
  rendererDir: string;
  port?: number;
  host?: string;
  token?: string;
}

export interface WebServer {
  /** The address to open once: its token is accepted in the query string a single time. */
  url: string;
  /** The API token (x-sw-token header). */
  token: string;
  port: number;
  server: http.Server;
  /** The request handler, for mounting on another listener (tests use a unix socket). */
  listener: http.RequestListener;
  /** The port the mounting server listens on (with listen: false), for the Host check. */
  setPort(port: number): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export function isLoopback(addr: string | undefined): boolean {
  if (!addr) return false;
  return addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.');
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const host = opts.host ?? '127.0.0.1';
  const root = path.resolve(opts.rendererDir);
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-web-'));
  const { registry, sessions } = opts;
  // The page cookie only lets the browser fetch the page and its static files again (a
  // reload): it is a separate secret from the API token, so whoever else receives it (every
  // loopback server the browser visits does) gets nothing but the public bundle.
  const pageSecret = crypto.randomBytes(24).toString('base64url');
  let launchUsed = false;
  let port = 0;

  const listener: http.RequestListener = (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: String(err) } });
      else res.destroy();
    });
  };
  // Node's 5 s keep-alive timeout cut a large upload sent on a reused connection (the
  // browser's fetch reuses them) with ECONNRESET a few seconds in (seen with a 70 MB body on
  // a busy machine); one user on loopback keeps few sockets, so idle ones may live a minute.
  const server = http.createServer({ keepAliveTimeout: 60_000, headersTimeout: 65_000 }, listener);

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...NO_EMBED, ...headers });
    res.end(text);
  }

  const matches = (given: string | undefined, secret: string): boolean => {
    const a = Buffer.from(given ?? '');
    const b = Buffer.from(secret);
    return a.length === b.length && crypto.timingSafeEqual(a, b);
  };
  const cookieName = () => `sw-page-${port}`;

  /** 'launch' when this request spends the single-use query token (the page then gets its cookie). */
  function authorised(req: http.IncomingMessage, url: URL, kind: RouteKind): false | 'header' | 'cookie' | 'launch' {
    // With sign-in the bundle is public (it holds no data) and the API is judged by the session.
    if (sessions) return kind === 'page' || req.headers['x-sw-token'] !== undefined ? 'cookie' : false;
    if (kind === 'api') return matches(req.headers['x-sw-token'] as string | undefined, token) ? 'header' : false;
    if (matches(cookieValue(req.headers.cookie, cookieName()), pageSecret)) return 'cookie';
    // Only a real page load spends it: not a HEAD, not a browser's speculative prefetch.
    const speculative = /prefetch|prerender/i.test(String(req.headers['sec-purpose'] ?? req.headers.purpose ?? ''));
    if (!launchUsed && req.method === 'GET' && !speculative && matches(url.searchParams.get('token') ?? undefined, token)) {
      launchUsed = true;
      return 'launch';
    }
    return false;
  }

  /**
   * The body, or null when it is over the limit. An oversized body is still read to its end
   * (and dropped) before the 413 goes out: answering while the client is still sending and
   * closing the socket with unread data makes the kernel reset the connection, and the
   * browser then reports a network error instead of "too large".
   */
  function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      let over = Number(req.headers['content-length'] ?? '0') > limit;
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        if (over) return;
        size += chunk.length;
        if (size > limit) {
          over = true;
          chunks.length = 0;
        } else chunks.push(chunk);
      });
      req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // Refuse anything that did not come from this machine, whatever address we bound (with
    // sign-in, people's browsers come from elsewhere: the deployer puts TLS in front).
    if (!sessions && !isLoopback(req.socket.remoteAddress))
      return send(res, 403, { ok: false, error: { code: 'forbidden', message: 'loopback only' } });
    if (!(hostAllowed(req.headers.host, port) || sessions?.hostAllowed(req.headers.host)))
      return send(res, 421, { ok: false, error: { code: 'forbidden', message: `wrong Host header: use http://127.0.0.1:${port}/` } });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const kind = routeKind(req.method, url.pathname);
    const origin = originAllowed(req.headers, kind, sessions?.secureCookie ? 'https' : 'http');
    if (!origin.ok) return send(res, origin.status, { ok: false, error: { code: 'forbidden', message: origin.reason } });
    if (sessions && (await signInRoutes(sessions, req, res, url))) return;
    const auth = authorised(req, url, kind);
    if (!auth) return send(res, 401, { ok: false, error: { code: 'forbidden', message: 'missing or wrong token' } });
    const session = sessions ? cookieValue(req.headers.cookie, SESSION_COOKIE) : undefined;
    const ctx = sessions ? (session ? await sessions.contextOf(session) : null) : opts.ctx;
    if (!ctx) {
      // No live session: a page load goes to the sign-in page, an API call says so.
      if (kind === 'page') return redirect(res, '/sign-in');
      return send(res, 401, { ok: false, error: { code: 'forbidden', message: 'sign in first' } }, { 'x-sw-sign-in': '/sign-in' });
    }

    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const channel = decodeURIComponent(url.pathname.slice(5));
      if (BROWSER_FORBIDDEN.has(channel) || sessions?.forbidden.has(channel))
        return send(res, 400, { ok: false, error: { code: 'invalid-input', message: `${channel} is not available in the browser` } });
      // Settings → Team's "Sign out" in a browser on the team server ends the browser's session (as
      // POST /sign-out does); the app's next call finds no session and goes to the sign-in page.
      if (sessions && session && channel === 'team:signOut') {
        await sessions.signOut(session);
        return send(res, 200, { ok: true, value: { ok: true, serverEnded: true } }, { 'set-cookie': CLEAR_SESSION_COOKIE });
      }
      const body = await readBody(req, MAX_JSON);
      if (body === null) return send(res, 413, { ok: false, error: { code: 'invalid-input', message: 'request body too large' } });
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, { ok: false, error: { code: 'invalid-input', message: 'malformed JSON body' } });
      }
      if (sessions) await sessions.beforeCall(ctx);
      const result = await registry.invoke(ctx, channel, input);
      if (sessions) await sessions.afterCall(ctx);
      return send(res, result.ok || result.error.code !== 'not-found' || registry.channels().includes(channel) ? 200 : 404, result);
    }

    if (req.method === 'POST' && url.pathname === '/upload') {
      const name = safeName(url.searchParams.get('name') ?? 'upload');
      const body = await readBody(req, MAX_UPLOAD);
      if (body === null) return send(res, 413, { ok: false, error: { code: 'invalid-input', message: 'file too large' } });
      const file = path.join(tmpDir, `${crypto.randomUUID()}-${name}`);
      fs.writeFileSync(file, body);
      return send(res, 200, { ok: true, value: ctx.files.register(file, 'read', name) });
    }

    if (req.method === 'POST' && url.pathname === '/files/new') {
      const name = safeName(url.searchParams.get('name') ?? 'export.xlsx');
      const file = path.join(tmpDir, `${crypto.randomUUID()}-${name}`);
      return send(res, 200, { ok: true, value: ctx.files.register(file, 'write', name) });
    }

    if (req.method === 'GET' && url.pathname.startsWith('/download/')) {
      const fileToken = decodeURIComponent(url.pathname.slice('/download/'.length));
      let entry: { path: string; name: string };
      try {
        entry = ctx.files.resolve(fileToken, 'write');
      } catch {
        return send(res, 404, { ok: false, error: { code: 'not-found', message: 'no such file' } });
      }
      if (!fs.existsSync(entry.path)) return send(res, 404, { ok: false, error: { code: 'not-found', message: 'file not written' } });
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(entry.name)}`,
        'cache-control': 'no-store',
        ...NO_EMBED,
      });
      fs.createReadStream(entry.path).pipe(res);
      return;
    }

    if (req.method === 'GET') {
      const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = path.resolve(root, '.' + rel);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        return send(res, 404, { ok: false, error: { code: 'not-found', message: 'not found' } });
      }
      const headers: Record<string, string> = {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': WEB_CSP,
        'x-content-type-options': 'nosniff',
        ...NO_EMBED,
        // 'same-origin', not 'no-referrer': under no-referrer Chromium sends `Origin: null`
        // on the page's own POSTs, which the origin check would refuse.
        'referrer-policy': 'same-origin',
        'cache-control': 'no-store',
      };
      // The page's assets and a reload come without the header: the cookie lets them in.
      // The page itself moves the token from the address to sessionStorage (transport.ts).
      if (auth === 'launch') headers['set-cookie'] = `${cookieName()}=${pageSecret}; HttpOnly; SameSite=Strict; Path=/`;
      // Read whole and written at once (the renderer's files are at most a few MB, read from
      // the page cache in well under a millisecond): a stream would hand each 64 kB piece to
      // the socket only between other requests' work, and the handlers run synchronously on
      // this thread, so the page's scripts waited behind its first data calls.
      res.writeHead(200, headers);
      res.end(fs.readFileSync(file));
      return;
    }
    send(res, 405, { ok: false, error: { code: 'invalid-input', message: 'method not allowed' } });
  }

  /** The sign-in page, the form's POST /v1/sign-in and sign-out; true when the request was one of them. */
  async function signInRoutes(s: WebSessions, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const lang = pageLanguage(req.headers['accept-language']);
    if (req.method === 'GET' && url.pathname === '/sign-in') {
      sendPage(res, 200, signInPage(lang, null));
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/v1/sign-in') {
      const body = await readBody(req, 64 * 1024);
      const form = new URLSearchParams(body?.toString('utf8') ?? '');
      const r = await s.signIn(form.get('email') ?? '', form.get('password') ?? '');
      if (!r.ok) {
        sendPage(
          res,
          r.status,
          signInPage(lang, r.status === 429 ? 'rate-limited' : r.status === 401 ? 'wrong' : 'failed', form.get('email') ?? ''),
        );
        return true;
      }
      const secure = s.secureCookie ? '; Secure' : '';
      redirect(res, '/', { 'set-cookie': `${SESSION_COOKIE}=${r.session}; HttpOnly; SameSite=Strict; Path=/${secure}` });
      return true;
    }
    if (req.method === 'POST' && url.pathname === '/sign-out') {
      const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
      if (session) await s.signOut(session);
      redirect(res, '/sign-in', { 'set-cookie': CLEAR_SESSION_COOKIE });
      return true;
    }
    return false;
  }

  function sendPage(res: http.ServerResponse, status: number, html: string) {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      // The sign-in form posts to this server: the only difference from the app's policy.
      'content-security-policy': WEB_CSP.replace("form-action 'none'", "form-action 'self'"),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
      'cache-control': 'no-store',
      ...NO_EMBED,
    });
    res.end(html);
  }

  function redirect(res: http.ServerResponse, location: string, headers: Record<string, string> = {}) {
    res.writeHead(303, { location, 'cache-control': 'no-store', ...NO_EMBED, ...headers });
    res.end();
  }

  if (opts.listen !== false) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
  }
  return {
    url: `http://${host}:${port}/?token=${token}`,
    token,
    port,
    server,
    listener,
    setPort: (p: number) => {
      port = p;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          fs.rmSync(tmpDir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

function safeName(name: string): string {
  const base = path
    .basename(name)
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .slice(0, 120);
  return base || 'file';
}
