import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import type { ServerContext } from '../../src/platform/context';
import { startWebServer, type WebServer } from '../../src/app/web/server';
import { tempDir } from '../db/helpers';
import { wrongToken } from './wrongToken';

// `npm run web` refuses what a browser on another machine, another tab without the
// token, or a malformed request would send. Real HTTP on loopback, real handlers.
let web: WebServer;
let ctx: ServerContext;
let t: { dir: string; cleanup(): void };

beforeAll(async () => {
  t = tempDir();
  fs.mkdirSync(path.join(t.dir, 'renderer'));
  fs.writeFileSync(path.join(t.dir, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  ctx = await openBook(path.join(t.dir, 'b.sqlite'), { demo: true });
  web = await startWebServer({ ctx, registry: createRegistry(), rendererDir: path.join(t.dir, 'renderer') });
});
afterAll(async () => {
  await web.close();
  ctx.db.close();
  t.cleanup();
});

const api = (channel: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${web.port}/api/${channel}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('npm run web: safe by default', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect((web.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(web.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${web.port}/\\?token=[A-Za-z0-9_-]{32}$`));
  });

  it('refuses a request without the token, or with a wrong one (401)', async () => {
    expect((await api('accounts:list', '{}')).status).toBe(401);
    expect((await api('accounts:list', '{}', { 'x-sw-token': 'wrong' })).status).toBe(401);
    expect((await api('accounts:list', '{}', { 'x-sw-token': wrongToken(web.token) })).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${web.port}/index.html`)).status).toBe(401);
  });

  it('answers with the token: the real handlers over HTTP', async () => {
    const res = await api('accounts:list', '{}', { 'x-sw-token': web.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; value: unknown[] };
    expect(body.ok).toBe(true);
    expect(body.value).toHaveLength(400);
  });

  it('refuses malformed bodies and inputs the contract does not allow', async () => {
    const h = { 'x-sw-token': web.token };
    const bad = await api('accounts:list', '{not json', h);
    expect(bad.status).toBe(400);
    const extra = (await (await api('accounts:list', '{"evil":1}', h)).json()) as { ok: boolean; error: { code: string } };
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const wrongType = (await (await api('accounts:update', '{"id":"x","patch":{"sales":"a lot"}}', h)).json()) as {
      ok: boolean;
      error: { code: string };
    };
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const huge = await api('accounts:list', JSON.stringify({ pad: 'x'.repeat(70 * 1024 * 1024) }), h);
    expect(huge.status).toBe(413);
    // A native dialog channel cannot be called from a browser.
    expect((await api('files:pickOpen', '{"purpose":"import","extensions":["xlsx"]}', h)).status).toBe(400);
  });

  it('serves pages with a strict CSP and no path traversal', async () => {
    const res = await fetch(`http://127.0.0.1:${web.port}/index.html?token=${web.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const trav = await fetch(`http://127.0.0.1:${web.port}/..%2F..%2Fb.sqlite`, { headers: { cookie } });
    expect(trav.status).toBe(404);
  });

  it('refuses a request that does not come from a loopback address', async () => {
    // The same request handler mounted on a unix socket: the peer has no loopback IP.
    const sock = path.join(t.dir, 'web.sock');
    const other = http.createServer(web.listener);
    await new Promise<void>((r) => other.listen(sock, () => r()));
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.request(
          { socketPath: sock, path: '/api/accounts:list', method: 'POST', headers: { 'x-sw-token': web.token } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
      expect(status).toBe(403);
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });

  it('uploads and downloads files only through tokens', async () => {
    const h = { 'x-sw-token': web.token };
    const up = (await (
      await fetch(`http://127.0.0.1:${web.port}/upload?name=${encodeURIComponent('../../etc/passwd')}`, {
        method: 'POST',
        headers: h,
        body: 'a,b\n',
      })
    ).json()) as { ok: boolean; value: { token: string; name: string } };
    expect(up.ok).toBe(true);
    expect(up.value.name).toBe('passwd');
    // A read token is not a download.
    expect((await fetch(`http://127.0.0.1:${web.port}/download/${up.value.token}`, { headers: h })).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${web.port}/download/nonsense`, { headers: h })).status).toBe(404);
  });
});
