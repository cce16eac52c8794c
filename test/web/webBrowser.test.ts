import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../src/platform/context';
import type { WebServer } from '../../src/app/web/server';
import { startTestWeb, type WebFixture } from './helpers';

// The attack in a real Chromium: the user opens the app, then visits a page served
// from another 127.0.0.1 port in the same browser, which POSTs to the app's API with
// no-cors text/plain (no preflight), plus a form post. The book must not change.
let web: WebServer;
let ctx: ServerContext;
let fixture: WebFixture;
let browser: Browser;
let evil: http.Server;
const seen: { method: string; path: string; status: number }[] = [];

const ATTACK = (target: string) => `<!doctype html><meta charset="utf-8"><title>evil</title>
<form id="f" method="POST" action="${target}/api/org:saveTerritory" enctype="text/plain" target="sink">
<input name='{"nameZh":"表单","nameEn":"Form","x":"' value='"}'></form>
<iframe name="sink"></iframe>
<script>
  const body = JSON.stringify({ nameZh: '入侵者', nameEn: 'Intruder' });
  Promise.allSettled([
    fetch('${target}/api/org:saveTerritory', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body }),
    fetch('${target}/upload?name=x.csv', { method: 'POST', mode: 'no-cors', credentials: 'include', body: 'a,b' }),
  ]).then(() => { document.getElementById('f').submit(); document.title = 'sent'; });
</script>`;

beforeAll(async () => {
  fixture = await startTestWeb();
  ({ web, ctx } = fixture);
  web.server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    res.on('finish', () => seen.push({ method: req.method ?? '', path: req.url ?? '', status: res.statusCode }));
  });
  const target = `http://127.0.0.1:${web.port}`;
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(ATTACK(target));
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  browser = await chromium.launch({
    executablePath: process.env.SW_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => evil.close(() => r()));
  await fixture.close();
});

const territories = () => ctx.db.prepare('SELECT count(*) FROM territories').pluck().get() as number;

describe('npm run web in Chromium', () => {
  it('a page on another 127.0.0.1 port cannot write into the book; the app page can', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const app = await page.goto(web.url);
    expect(app?.status()).toBe(200);
    expect((await context.cookies()).map((c) => c.name)).toEqual([`sw-page-${web.port}`]);

    const attacker = await context.newPage();
    await attacker.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
    await expect.poll(() => attacker.title(), { timeout: 20_000 }).toBe('sent');
    // The form post is a navigation of the frame: wait for the server to have answered it.
    await expect.poll(() => seen.filter((s) => s.method === 'POST').length, { timeout: 20_000 }).toBe(3);
    for (const s of seen.filter((x) => x.method === 'POST')) expect(s.status, s.path).toBe(403);
    expect(territories()).toBe(0);

    // The app's own page, with the token in the header as transport.ts sends it, does write:
    // the refusals above are about who asks, not a broken API.
    const status = await page.evaluate(async (token) => {
      const r = await fetch('/api/org:saveTerritory', {
        method: 'POST',
        headers: { 'x-sw-token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ nameZh: '华东', nameEn: 'East' }),
      });
      return r.status;
    }, web.token);
    expect(status).toBe(200);
    expect(territories()).toBe(1);
    await context.close();
  }, 60_000);

  it('the printed URL opens the app once: a second browser without the cookie is refused', async () => {
    const other = await browser.newContext();
    const page = await other.newPage();
    const r = await page.goto(web.url);
    expect(r?.status()).toBe(401);
    await other.close();
  }, 60_000);
});
