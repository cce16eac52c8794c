import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { test, expect } from './fixtures';
import { migrate } from '../../src/app/team/pg/migrate';
import { startTeamServer, type TeamServer } from '../../src/app/team/server';
import type { PgCluster } from '../../src/app/team/cluster';
import { insertRow, updateRow } from '../../src/platform/db/changeLog';
import type { ServerContext } from '../../src/platform/context';
import { joinTeam } from '../../src/features/team/server/team';
import { syncNow } from '../../src/features/team/server/sync';
import { startTestCluster } from '../team/pgCluster';

// Settings → Team against a real team server (real PostgreSQL on loopback, started here): the
// admin creates the team from the open demo book and gets the invite codes; a rep joins from a
// second desktop book; both edit one account's notes; the admin's conflicts list offers "use
// mine", which puts the lost value back for the whole team.

let cluster: PgCluster;
let pool: pg.Pool;
let server: TeamServer;
let tmp: string;
const opened: ServerContext[] = [];

test.beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sw-e2e-team-'));
  cluster = await startTestCluster();
  pool = new pg.Pool({ connectionString: cluster.url, max: 6 });
  await migrate(pool);
  server = await startTeamServer(pool, { port: 0, host: '127.0.0.1' });
});
test.afterAll(async () => {
  for (const c of opened) c.db.close();
  await server?.close().catch(() => {}); // the test closes it to go offline
  await pool?.end();
  await cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const WANG = '019b76da-a806-71dd-95c0-11de5f507b69';
const ADMIN = '019b76da-aaaa-7000-8000-00000000a001';

test('create a team from this book, sync, and take back a value lost in a conflict', async ({ app, page }) => {
  const ctx = app.ctx;
  ctx.db.transaction(() => {
    updateRow(ctx, 'reps', WANG, { email: 'wang@demo.cn' });
    insertRow(ctx, 'reps', { id: ADMIN, territory_id: null, name_zh: '管理员', name_en: 'Admin', email: 'admin@demo.cn', role: 'admin' });
  })();
  await app.open('settings');
  const panel = page.getByTestId('team-settings');
  await panel.getByRole('tab', { name: '用这个账本建立团队（管理员）' }).click();
  const form = panel.getByTestId('team-create-form');
  await form.getByTestId('team-server-url').fill(server.url);
  await form.getByTestId('team-email-input').fill('admin@demo.cn');
  await form.getByTestId('team-password').fill('admin-password-1');
  await form.getByTestId('team-create').click();
  const invites = page.getByTestId('team-invites');
  await expect(invites).toContainText('wang@demo.cn');
  await app.screenshot('team-invites');
  const code = (await invites.locator('tr', { hasText: 'wang@demo.cn' }).locator('code').textContent())!.trim();
  await page.getByRole('button', { name: /OK|确\s*定/ }).click();

  await expect(page.getByTestId('team-email')).toHaveText('admin@demo.cn');
  await expect(page.getByTestId('team-pending')).toHaveText('0');

  // Wang joins from his own desktop book with the invite code.
  const wang = await joinTeam(
    server.url,
    { email: 'wang@demo.cn', password: 'wang-password-1', inviteCode: code },
    path.join(tmp, 'wang.sqlite'),
  );
  opened.push(wang);
  const accountId = wang.db.prepare('SELECT id FROM accounts WHERE deleted_at IS NULL ORDER BY name LIMIT 1').pluck().get() as string;
  const accountName = wang.db.prepare('SELECT name FROM accounts WHERE id = ?').pluck().get(accountId) as string;

  // The admin edits first and syncs (Sync now); Wang's edit of the same field comes later and wins.
  await app.call('accounts:update', { id: accountId, patch: { notes: '管理员的备注', receivable: 1_234_567 } });
  await page.reload();
  await expect(page.getByTestId('team-pending')).toHaveText('1');
  await page.getByTestId('team-sync-now').click();
  await expect(page.getByTestId('team-pending')).toHaveText('0');
  updateRow(wang, 'accounts', accountId, { notes: '王磊的备注', receivable_fen: 7_654_321 });
  expect((await syncNow(wang)).error).toBeNull();

  await page.getByTestId('team-sync-now').click();
  await expect(page.getByTestId('team-conflict-count')).toHaveText('2');
  // Fields by their labels in the UI's language, money in yuan: never a column name or fen.
  const conflicts = page.getByTestId('team-conflicts');
  const money = conflicts.locator('tr', { hasText: '应收余额' });
  await expect(money).toContainText(`客户 ${accountName}`);
  await expect(money).toContainText('¥12,345.67');
  await expect(money).toContainText('¥76,543.21');
  await expect(conflicts).not.toContainText('receivable_fen');
  await expect(money.getByTestId('team-keep-theirs')).toBeVisible();
  const row = conflicts.locator('tr', { hasText: '备注' });
  await expect(row).toContainText('管理员的备注');
  await expect(row).toContainText('王磊的备注');
  await expect(row).toContainText('同一字段被他人修改');
  await app.screenshot('team-conflicts');

  await money.getByTestId('team-keep-theirs').click();
  await expect(page.getByTestId('team-conflict-count')).toHaveText('1');
  await row.getByTestId('team-use-mine').click();
  await expect(page.getByTestId('team-conflict-count')).toHaveText('0');
  await expect(page.getByTestId('team-pending')).toHaveText('1');
  await page.getByTestId('team-sync-now').click();
  await expect(page.getByTestId('team-pending')).toHaveText('0');
  expect((await syncNow(wang)).error).toBeNull();
  expect(wang.db.prepare('SELECT notes FROM accounts WHERE id = ?').pluck().get(accountId)).toBe('管理员的备注');

  // The server is gone: the book keeps working, the change waits and the panel says why.
  await server.close();
  await app.call('accounts:update', { id: accountId, patch: { city: '离线' } });
  await page.reload();
  await page.getByTestId('team-sync-now').click();
  // In the UI's language (zh-CN here), not Node's English.
  await expect(page.getByTestId('team-last-error')).toContainText('无法连接团队服务器');
  await expect(page.getByTestId('team-last-error')).not.toContainText('cannot be reached');
  await expect(page.getByTestId('team-pending')).toHaveText('1');
  await app.screenshot('team-offline');

  // Signing out with the server gone: signed out here, and told the server could not end the session.
  await page.getByTestId('team-sign-out').click();
  await expect(page.getByText('已在本机退出登录')).toBeVisible();
  await expect(page.getByTestId('team-sign-in')).toBeVisible();
  await app.screenshot('team-signed-out-offline');

  // The same reason in English once the UI is switched.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('team-last-error')).toContainText('The team server cannot be reached (no network');
  await app.screenshot('team-offline-en');
});
