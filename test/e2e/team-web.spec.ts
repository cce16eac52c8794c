import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { test, expect } from '@playwright/test';
import { openBook } from '../../src/app/book';
import { createRegistry } from '../../src/app/handlers';
import { migrate } from '../../src/app/team/pg/migrate';
import { startTeamServer, type TeamServer } from '../../src/app/team/server';
import type { PgCluster } from '../../src/app/team/cluster';
import type { ServerContext } from '../../src/platform/context';
import { insertRow } from '../../src/platform/db/changeLog';
import { TeamClient } from '../../src/features/team/server/client';
import { syncNow } from '../../src/features/team/server/sync';
import { startTestCluster } from '../team/pgCluster';
import { RENDERER_DIR } from './fixtures';

// A manager without the desktop app: the team server (private PostgreSQL, real HTTP) serves the
// app to a browser. The manager signs in with their team email and password and runs the weekly
// review on a book the server joined from their snapshot: only the territory they lead is in it.

const MANAGER = { id: '019b76da-aaaa-7000-8000-00000000b001', email: 'mgr@demo.cn', password: 'manager-password-1' };
const ADMIN = { id: '019b76da-aaaa-7000-8000-00000000a001', email: 'admin@demo.cn', password: 'admin-password-1' };

let dir: string;
let cluster: PgCluster;
let pool: pg.Pool;
let server: TeamServer;
let admin: ServerContext;
let led: { id: string; name: string };
let others: { id: string; name: string }[];

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures from a destructuring pattern
test.beforeAll(async ({}, info) => {
  test.skip(info.project.name !== 'web', 'a browser on the team server: the web project only');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-team-web-'));
  cluster = await startTestCluster();
  pool = new pg.Pool({ connectionString: cluster.url, max: 8 });
  await migrate(pool);
  server = await startTeamServer(pool, {
    port: 0,
    host: '127.0.0.1',
    web: { rendererDir: RENDERER_DIR, registry: createRegistry({ validateOutput: true }), booksDir: path.join(dir, 'web-books') },
  });
  // The admin's desktop book (the demo) becomes the team: an admin and a manager leading the
  // first territory that has opportunities are added through the product's write path.
  admin = await openBook(path.join(dir, 'admin.sqlite'), { demo: true, dailyBackup: false });
  const territories = admin.db
    .prepare(
      `SELECT t.id, t.name_zh AS name FROM territories t
       WHERE t.deleted_at IS NULL AND EXISTS (SELECT 1 FROM opportunities o WHERE o.territory_id = t.id AND o.deleted_at IS NULL)
       ORDER BY t.name_en`,
    )
    .all() as { id: string; name: string }[];
  expect(territories.length, 'the demo has opportunities in several territories').toBeGreaterThan(1);
  [led, ...others] = territories as [typeof led, ...typeof others];
  admin.db.transaction(() => {
    insertRow(admin, 'reps', { id: ADMIN.id, territory_id: null, name_zh: '管理员', name_en: 'Admin', email: ADMIN.email, role: 'admin' });
    insertRow(admin, 'reps', {
      id: MANAGER.id,
      territory_id: null,
      name_zh: '周经理',
      name_en: 'Zhou',
      email: MANAGER.email,
      role: 'manager',
    });
    insertRow(admin, 'manager_territories', { person_id: MANAGER.id, territory_id: led.id });
  })();
  const created = await createRegistry().call<{ invites: { personId: string; code: string }[] }>(admin, 'team:createTeam', {
    serverUrl: server.url,
    email: ADMIN.email,
    password: ADMIN.password,
  });
  const code = created.invites.find((i) => i.personId === MANAGER.id)!.code;
  await new TeamClient(server.url).acceptInvite(MANAGER.email, code, MANAGER.password);
});

test.afterAll(async () => {
  admin?.db.close();
  await server?.close();
  await pool?.end();
  await cluster?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('a manager signs in in a browser and the weekly review holds only the territory they lead', async ({ page }, info) => {
  // The app's address without a session opens the sign-in page.
  await page.goto(`${server.url}/#/pipeline`);
  await expect(page).toHaveURL(/\/sign-in(#.*)?$/);
  await expect(page.getByRole('heading')).toHaveText('登录团队账本');

  // A wrong password is refused with a clear message, and no session is given.
  await page.getByLabel('邮箱').fill(MANAGER.email);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('邮箱或密码不正确，请重试。');
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('sw-session');
  await page.screenshot({ path: info.outputPath('team-web-wrong-password-zh.png') });
  fs.copyFileSync(info.outputPath('team-web-wrong-password-zh.png'), path.join('test-results', 'team-web-wrong-password-zh.png'));

  await expect(page.getByLabel('邮箱')).toHaveValue(MANAGER.email);
  await page.getByLabel('密码').fill(MANAGER.password);
  await page.getByRole('button', { name: '登录' }).click();
  const cookie = (await page.context().cookies()).find((c) => c.name === 'sw-session')!;
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  await page.goto(`${server.url}/#/pipeline?tab=review`);
  const byTerritory = page.getByTestId('review-by-territory');
  await expect(byTerritory).toContainText(led.name);
  for (const t of others) await expect(byTerritory).not.toContainText(t.name);
  await page.screenshot({ path: path.join('test-results', 'team-web-review-zh.png'), fullPage: true });

  // The book the server keeps for the manager holds the led territory's opportunities only.
  const [file] = fs.readdirSync(path.join(dir, 'web-books')).filter((f) => f.endsWith('.sqlite'));
  const book = new Database(path.join(dir, 'web-books', file!), { readonly: true });
  try {
    expect(book.prepare('SELECT DISTINCT territory_id FROM opportunities WHERE deleted_at IS NULL').pluck().all()).toEqual([led.id]);
  } finally {
    book.close();
  }
  // An edit in the browser reaches the team at once (pushed right after the call): the admin's
  // desktop book pulls it with its next sync.
  const opp = admin.db
    .prepare('SELECT id FROM opportunities WHERE territory_id = ? AND deleted_at IS NULL ORDER BY id LIMIT 1')
    .pluck()
    .get(led.id) as string;
  const edited = await page.evaluate(async (id) => {
    const res = await fetch('/api/pipeline:update', {
      method: 'POST',
      headers: { 'x-sw-token': '', 'content-type': 'application/json' },
      body: JSON.stringify({ id, patch: { name: '浏览器里改的机会' } }),
    });
    return ((await res.json()) as { ok: boolean }).ok;
  }, opp);
  expect(edited).toBe(true);
  const report = await syncNow(admin);
  expect(report.error).toBeNull();
  expect(admin.db.prepare('SELECT name FROM opportunities WHERE id = ?').pluck().get(opp)).toBe('浏览器里改的机会');

  // Without the x-sw-token header (what a form or an <img> of another site could send) the API refuses.
  const bare = await page.evaluate(async () => (await fetch('/api/pipeline:lookups', { method: 'POST', body: '{}' })).status);
  expect(bare).toBe(401);

  // The server's book for the manager holds no session token (it is the browser's cookie, kept in memory).
  const bookFile = path.join(dir, 'web-books', file!);
  for (const f of [bookFile, `${bookFile}-wal`].filter((x) => fs.existsSync(x)))
    expect(fs.readFileSync(f).includes(cookie.value)).toBe(false);
  // Signing out in the browser ends the session on the server: its token is refused from then on.
  const pullWith = async (token: string) =>
    (await fetch(`${server.url}/v1/pull?after=0&limit=1`, { headers: { authorization: `Bearer ${token}` } })).status;
  expect(await pullWith(cookie.value)).toBe(200);
  // Settings → Team's own "Sign out" does it, and the browser lands on the sign-in page.
  await page.goto(`${server.url}/#/settings`);
  await page.getByTestId('team-sign-out').click();
  await expect(page).toHaveURL(/\/sign-in(#.*)?$/);
  await expect(page.getByRole('heading')).toHaveText('登录团队账本');
  expect(await pullWith(cookie.value)).toBe(401);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('sw-session');
});
