import { test, expect } from './fixtures';

// A team book of someone who is not the team's admin (what a rep's joined book records of its
// team): the team's settings are shown but cannot be changed, and the screens say why, in both
// languages; the person's own preferences stay theirs to change. The sync itself (the admin's
// change reaching the rep, the server refusing a rep's) runs against a real team server in
// test/team/teamSettings.test.ts.

type Db = { prepare(sql: string): { run(...a: unknown[]): unknown; pluck(): { get(...a: unknown[]): unknown } } };

test("a rep's team book shows the team's settings locked, with the reason; the language stays theirs", async ({ app, page }) => {
  const db = app.ctx.db as Db;
  db.prepare("INSERT INTO sync_state (id, server_url, role, email) VALUES (1, 'http://127.0.0.1:9', 'rep', 'wang@demo.cn')").run();
  await app.open('settings');
  await expect(page.getByTestId('time-zone')).toHaveClass(/ant-select-disabled/);
  await expect(page.getByTestId('team-settings-locked')).toContainText('只有团队管理员可以修改');
  // The organisation is the admin's too: territories, people and importing it.
  await expect(page.getByTestId('add-territory')).toBeDisabled();
  await expect(page.getByTestId('add-person')).toBeDisabled();
  await expect(page.getByTestId('org-import')).toBeDisabled();
  await expect(page.getByTestId('org-export')).toBeEnabled();
  await expect(page.getByTestId('team-org-locked')).toContainText('组织（区域、人员、负责经理）只有团队管理员可以修改');
  await app.screenshot('team-settings-locked-zh');

  await page.getByRole('main').getByText('English', { exact: true }).click();
  await expect(page.getByTestId('team-settings-locked')).toContainText("only the team's admin changes it");
  await expect
    .poll(() => JSON.parse((db.prepare("SELECT value FROM local_settings WHERE key = 'prefs'").pluck().get() as string) ?? '{}') as object)
    .toMatchObject({ locale: 'en' });

  await app.open('pareto');
  await page.getByTestId('tab-scorecard').click();
  await expect(page.getByTestId('scorecard')).toContainText("only the team's admin changes it");
  await expect(page.getByRole('button', { name: 'Save as default' })).toBeDisabled();
  await expect(page.getByTestId('scorecard-recompute')).toBeEnabled();
  await app.screenshot('team-settings-locked-scorecard-en');
});

test("the admin's team book (and a book that does not sync) changes them", async ({ app, page }) => {
  (app.ctx.db as Db).prepare("INSERT INTO sync_state (id, server_url, role) VALUES (1, 'http://127.0.0.1:9', 'admin')").run();
  await app.open('settings');
  await expect(page.getByTestId('time-zone')).not.toHaveClass(/ant-select-disabled/);
  await expect(page.getByTestId('team-settings-locked')).toHaveCount(0);
  await expect(page.getByTestId('add-territory')).toBeEnabled();
  await expect(page.getByTestId('team-org-locked')).toHaveCount(0);
});

test("a manager's team book edits people but not territories", async ({ app, page }) => {
  (app.ctx.db as Db).prepare("INSERT INTO sync_state (id, server_url, role) VALUES (1, 'http://127.0.0.1:9', 'manager')").run();
  await app.open('settings');
  await expect(page.getByTestId('add-person')).toBeEnabled();
  await expect(page.getByTestId('add-territory')).toBeDisabled();
  await expect(page.getByTestId('team-org-locked')).toContainText('你作为经理可以修改所负责区域的人员');
});
