import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import { cookieValue, hostAllowed, originAllowed, routeKind } from '../../src/app/web/gate';
import type { WebServer } from '../../src/app/web/server';
import { startTestWeb, type WebFixture } from './helpers';
import { wrongToken } from './wrongToken';

// `npm run web` lets in only its own page. Each test gets a fresh server (the launch token
// is single-use) on a real book; requests are sent with node:http so every header is
// exactly what a browser would send, Host included.
let web: WebServer;
let ctx: ServerContext;
let fixture: WebFixture;

beforeEach(async () => {
  fixture = await startTestWeb();
  ({ web, ctx } = fixture);
});
afterEach(() => fixture.close());

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(method: string, pathAndQuery: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: web.port, method, path: pathAndQuery, headers: { host: `127.0.0.1:${web.port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const territories = () => ctx.db.prepare('SELECT count(*) FROM territories').pluck().get() as number;
const intruder = JSON.stringify({ nameZh: '入侵者', nameEn: 'Intruder' });

/** Opens the app as the user does: the printed URL, once. Returns the page cookie. */
async function launch(): Promise<string> {
  const page = await request('GET', `/?token=${web.token}`, {
    'sec-fetch-site': 'none',
    'sec-fetch-mode': 'navigate',
    'sec-fetch-dest': 'document',
  });
  expect(page.status).toBe(200);
  const set = String(page.headers['set-cookie'] ?? '');
  expect(set).toMatch(new RegExp(`^sw-page-${web.port}=[^;]+; HttpOnly; SameSite=Strict; Path=/$`));
  // The cookie is not the API token: whoever else receives it cannot call the API with it.
  expect(set).not.toContain(web.token);
  return set.split(';')[0]!;
}

describe('npm run web: only its own page gets in', () => {
  it("refuses the issue's attack: a page on another 127.0.0.1 port POSTing text/plain with no-cors", async () => {
    const cookie = await launch();
    const before = territories();
    // Exactly what Chromium sends for fetch(url, { method: 'POST', mode: 'no-cors', body })
    // from http://127.0.0.1:8999 after the user opened the app (the cookie is same-site).
    const attack = await request(
      'POST',
      '/api/org:saveTerritory',
      {
        origin: 'http://127.0.0.1:8999',
        'sec-fetch-site': 'same-site',
        'sec-fetch-mode': 'no-cors',
        'sec-fetch-dest': 'empty',
        'content-type': 'text/plain;charset=UTF-8',
        cookie,
      },
      intruder,
    );
    expect(attack.status).toBe(403);
    expect(attack.body).toContain('http://127.0.0.1:8999');
    // The same from a page on localhost:8999, and a form POST navigation (no Origin check
    // evasions either way).
    expect(
      (
        await request(
          'POST',
          '/api/org:saveTerritory',
          { origin: 'http://localhost:8999', 'sec-fetch-site': 'same-site', cookie, 'content-type': 'text/plain' },
          intruder,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await request(
          'POST',
          '/upload?name=x.csv',
          { origin: 'http://127.0.0.1:8999', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', cookie },
          'a,b',
        )
      ).status,
    ).toBe(403);
    expect(territories()).toBe(before);
  });

  it('refuses any other origin, or a browser request marked cross-site, even with the right token', async () => {
    const h = { 'x-sw-token': web.token, 'content-type': 'application/json' };
    const own = `http://127.0.0.1:${web.port}`;
    const hostile: Record<string, string>[] = [
      { origin: 'http://127.0.0.1:8999' },
      { origin: 'null' }, // a sandboxed frame or a file:// page
      { origin: `http://localhost:${web.port}` }, // another origin than the Host it was sent to
      { origin: `https://127.0.0.1:${web.port}` },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'none' }, // a typed URL is a navigation, never an API call
      { origin: own, 'sec-fetch-site': 'same-site' },
    ];
    for (const extra of hostile) {
      const r = await request('POST', '/api/org:saveTerritory', { ...h, ...extra }, intruder);
      expect(r.status, JSON.stringify(extra)).toBe(403);
    }
    expect(territories()).toBe(0);
    // The page's own script: same origin, header token.
    const mine = await request(
      'POST',
      '/api/org:saveTerritory',
      { ...h, origin: own, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' },
      intruder,
    );
    expect(mine.status).toBe(200);
    expect(territories()).toBe(1);
  });

  it('refuses a wrong Host header (DNS rebinding) on every route', async () => {
    for (const host of [
      'evil.example:' + web.port,
      '127.0.0.1',
      'localhost',
      `127.0.0.1:${web.port + 1}`,
      `127.0.0.2:${web.port}`,
      `[::1]:${web.port}`,
      `127.0.0.1:${web.port}.evil.example`,
    ]) {
      const api = await request('POST', '/api/org:saveTerritory', { host, 'x-sw-token': web.token }, intruder);
      expect(api.status, host).toBe(421);
      const page = await request('GET', `/?token=${web.token}`, { host });
      expect(page.status, host).toBe(421);
    }
    expect(territories()).toBe(0);
    // The launch token was not spent by the refused requests; localhost is accepted.
    const ok = await request('GET', `/?token=${web.token}`, { host: `localhost:${web.port}` });
    expect(ok.status).toBe(200);
  });

  it('a cookie alone cannot call the API, upload, make or download files', async () => {
    const cookie = await launch();
    const same = { cookie, origin: `http://127.0.0.1:${web.port}`, 'sec-fetch-site': 'same-origin' };
    expect((await request('POST', '/api/org:saveTerritory', { ...same, 'content-type': 'application/json' }, intruder)).status).toBe(401);
    expect((await request('POST', '/api/app:info', same, '{}')).status).toBe(401);
    expect((await request('POST', '/upload?name=a.csv', same, 'a,b\n')).status).toBe(401);
    expect((await request('POST', '/files/new?name=a.xlsx', same)).status).toBe(401);
    expect((await request('GET', '/download/x', { cookie })).status).toBe(401);
    // Nor the API token in the query string, nor in a cookie under the old name.
    expect((await request('POST', `/api/app:info?token=${web.token}`, {}, '{}')).status).toBe(401);
    expect((await request('POST', '/api/app:info', { cookie: `sw-token=${web.token}` }, '{}')).status).toBe(401);
    expect(territories()).toBe(0);
    // The cookie does serve the page again (a reload) and its static files.
    expect((await request('GET', '/', { cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await request('GET', '/index.html', { cookie })).status).toBe(200);
  });

  it('the query-string token opens the page once; then only the cookie from that load serves it', async () => {
    const first = await request('GET', `/?token=${web.token}`, {});
    expect(first.status).toBe(200);
    expect(first.headers['referrer-policy']).toBe('same-origin');
    expect(first.headers['cross-origin-resource-policy']).toBe('same-origin');
    const again = await request('GET', `/?token=${web.token}`, {});
    expect(again.status).toBe(401);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect((await request('GET', `/index.html?token=${web.token}`, {})).status).toBe(401);
    // The token itself still works where the page's script sends it: the header.
    expect((await request('POST', '/api/app:info', { 'x-sw-token': web.token }, '{}')).status).toBe(200);
  });

  it('a wrong query token, a HEAD or a prefetch does not spend the launch', async () => {
    expect((await request('GET', `/?token=${wrongToken(web.token)}`, {})).status).toBe(401);
    expect((await request('HEAD', `/?token=${web.token}`, {})).status).toBe(401);
    expect((await request('GET', `/?token=${web.token}`, { 'sec-purpose': 'prefetch;prerender' })).status).toBe(401);
    expect((await request('GET', `/?token=${web.token}`, { purpose: 'prefetch' })).status).toBe(401);
    expect((await request('GET', `/?token=${web.token}`, {})).status).toBe(200);
  });
});

describe('the gate as pure rules', () => {
  it('classifies routes: API, upload, files and downloads take the header token', () => {
    expect(routeKind('POST', '/api/x:y')).toBe('api');
    expect(routeKind('GET', '/api/x:y')).toBe('api');
    expect(routeKind('POST', '/upload')).toBe('api');
    expect(routeKind('POST', '/files/new')).toBe('api');
    expect(routeKind('GET', '/download/abc')).toBe('api');
    expect(routeKind('GET', '/')).toBe('page');
    expect(routeKind('GET', '/assets/index.js')).toBe('page');
    expect(routeKind('POST', '/')).toBe('api');
  });
  it('accepts exactly 127.0.0.1:PORT and localhost:PORT as Host', () => {
    expect(hostAllowed('127.0.0.1:5000', 5000)).toBe(true);
    expect(hostAllowed('localhost:5000', 5000)).toBe(true);
    for (const h of [undefined, '', 'LOCALHOST:5000', '127.0.0.1:5000 ', '127.0.0.1:05000', '127.0.0.1:5000@evil', 'localhost.:5000'])
      expect(hostAllowed(h, 5000), String(h)).toBe(false);
  });
  it('allows a navigation the user started for the page only', () => {
    const host = '127.0.0.1:5000';
    expect(originAllowed({ host, 'sec-fetch-site': 'none' }, 'page')).toEqual({ ok: true });
    expect(originAllowed({ host, 'sec-fetch-site': 'none' }, 'api').ok).toBe(false);
    expect(originAllowed({ host, 'sec-fetch-site': 'same-site' }, 'page').ok).toBe(false);
    expect(originAllowed({ host }, 'api')).toEqual({ ok: true });
    expect(originAllowed({ host, origin: 'http://127.0.0.1:5000' }, 'api')).toEqual({ ok: true });
    // https is the page's own scheme only behind TLS (the team server's --behind-tls).
    expect(originAllowed({ host, origin: 'https://127.0.0.1:5000' }, 'api').ok).toBe(false);
    expect(originAllowed({ host, origin: 'https://127.0.0.1:5000' }, 'api', 'https')).toEqual({ ok: true });
    expect(originAllowed({ host, origin: 'http://127.0.0.1:5000' }, 'api', 'https').ok).toBe(false);
  });
  it('reads one cookie by exact name', () => {
    expect(cookieValue('a=1; sw-page-5=xyz; b=2', 'sw-page-5')).toBe('xyz');
    expect(cookieValue('xsw-page-5=bad', 'sw-page-5')).toBeUndefined();
    expect(cookieValue(undefined, 'sw-page-5')).toBeUndefined();
  });
});
