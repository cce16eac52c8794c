import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { test, expect, type Page } from './fixtures';

// The first start, as a new team meets the product: no book is open; the demo company and
// the team's own book are separate files; the header marks the demo and only the demo;
// the team's empty book leads with what to do next; each "?" opens its section of docs/.

test.use({ startWith: 'nothing' });

/** Reads one file directly (not through the app): what is really in it. */
function inFile(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;
    // The team's settings (the time zone in 'app') and the book's own (preferences, identity).
    const setting = (table: 'settings' | 'local_settings', key: string) =>
      JSON.parse((db.prepare(`SELECT value FROM ${table} WHERE key = ?`).pluck().get(key) as string | undefined) ?? 'null') as Record<
        string,
        unknown
      > | null;
    return {
      accounts: count('accounts'),
      territories: count('territories'),
      invoices: count('rcv_invoices'),
      app: setting('settings', 'app'),
      prefs: setting('local_settings', 'prefs'),
      book: setting('local_settings', 'book'),
    };
  } finally {
    db.close();
  }
}

async function openArea(page: Page, area: string, query = '') {
  await page.evaluate((h) => (location.hash = h), `#/${area}${query}`);
  await expect(page.getByTestId('page-title')).toBeVisible();
}

async function openHelp(page: Page) {
  await page.getByTestId('help-button').click();
  const drawer = page.getByTestId('help-drawer');
  await expect(drawer.locator('h2, h3, h4, h5').first()).toBeVisible();
  return drawer;
}

async function closeHelp(page: Page) {
  await page.locator('.ant-drawer-close').click();
  await expect(page.getByTestId('help-drawer')).toHaveCount(0);
}

test("first start: the team's own book is a new empty file with its time zone; the demo is another file, marked on every screen", async ({
  app,
  page,
}) => {
  const dataDir = path.join(app.dir, 'data');
  await page.goto(app.web.url);
  await expect(page.getByTestId('first-start')).toBeVisible();
  await expect(page.getByTestId('first-start-demo')).toBeVisible();
  expect(app.shelf!.isOpen()).toBe(false);
  // Nothing was created before the user chose.
  expect(fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((f) => f.endsWith('.sqlite')) : []).toEqual([]);
  await app.screenshot('first-start-zh');

  // The form refuses a book without a company name.
  await page.getByTestId('new-book-create').click();
  await expect(page.getByText('请输入公司名称')).toBeVisible();

  // The team's book: name, a time zone other than the default, English.
  await page.getByTestId('new-book-company').fill('Acme 华东工业');
  await page.getByTestId('new-book-zone').click();
  await page.keyboard.type('Europe/Berl');
  await page.locator('.ant-select-item-option', { hasText: 'Europe/Berlin' }).click();
  await page.getByTestId('new-book-locale').getByText('English').click();
  await expect(page.getByText("Start my team's book")).toBeVisible();
  await app.screenshot('first-start-en');
  await page.getByTestId('new-book-create').click();

  await expect(page.getByTestId('app-title')).toBeVisible();
  await expect(page.getByTestId('book-name')).toHaveText('Acme 华东工业');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  const ownFile = app.ctx.dbPath;
  expect(path.dirname(ownFile)).toBe(dataDir);
  expect(path.basename(ownFile)).toMatch(/^book-\d{14}-[0-9a-f]{4}\.sqlite$/);
  const own = inFile(ownFile);
  expect(own).toMatchObject({ accounts: 0, territories: 0, invoices: 0, book: { companyName: 'Acme 华东工业', demo: false } });
  expect(own.app).toEqual({ timeZone: 'Europe/Berlin' });
  expect(own.prefs).toMatchObject({ locale: 'en' });

  // The empty accounts grid leads: org first (Settings), then template, import, add.
  const empty = page.getByTestId('accounts-empty');
  await expect(empty).toContainText('No accounts yet');
  await expect(empty.getByTestId('empty-org-step')).toContainText('create your territories and people (reps) in Settings');
  for (const id of ['empty-go-settings', 'empty-template', 'empty-import', 'empty-add']) await expect(empty.getByTestId(id)).toBeVisible();
  await app.screenshot('empty-accounts-en');
  // The template button saves the accounts template.
  const template = await app.saveFile(() => empty.getByTestId('empty-template').click());
  expect(fs.statSync(template).size).toBeGreaterThan(1000);
  // "Create territories and people" goes to Settings.
  await empty.getByTestId('empty-go-settings').click();
  await expect(page.getByTestId('page-title')).toHaveText('Settings');

  // Every other screen with nothing to show says what to do, with its buttons.
  const screens: [string, string, string, string[]][] = [
    ['pareto', '', 'pareto-empty', ['empty-template', 'empty-import']],
    ['pipeline', '?tab=board', 'pipeline-empty', ['empty-import', 'empty-add']],
    ['pipeline', '?tab=grid', 'pipeline-empty', ['empty-import', 'empty-add']],
    ['pipeline', '?tab=review', 'pipeline-empty', ['empty-import', 'empty-add']],
    ['negotiation', '', 'negotiation-empty', ['empty-import', 'empty-add']],
    ['training', '', 'training-empty', ['empty-template', 'empty-import', 'empty-add']],
    ['receivables', '?tab=aging', 'receivables-empty', ['empty-add', 'empty-import-invoices', 'empty-import-payments']],
    ['receivables', '?tab=invoices', 'receivables-empty', ['empty-add', 'empty-import-invoices', 'empty-import-payments']],
  ];
  for (const [area, query, testId, buttons] of screens) {
    await openArea(page, area, query);
    const box = page.getByTestId(testId);
    await expect(box).toBeVisible();
    for (const b of buttons) await expect(box.getByTestId(b)).toBeVisible();
    if (!query || query === '?tab=board' || query === '?tab=aging') await app.screenshot(`empty-${area}-en`);
  }
  // The pareto's import button takes the user to the accounts import.
  await openArea(page, 'pareto');
  await page.getByTestId('pareto-empty').getByTestId('empty-import').click();
  await expect(page.locator('.ant-modal')).toBeVisible();
  await page.keyboard.press('Escape');

  // The same in Chinese.
  await page.getByTestId('lang-switch').getByText('中文').click();
  await openArea(page, 'accounts');
  await expect(page.getByTestId('accounts-empty')).toContainText('还没有客户');
  await expect(page.getByTestId('empty-go-settings')).toHaveText('建立区域和人员');
  await app.screenshot('empty-accounts-zh');
  await openArea(page, 'pipeline', '?tab=board');
  await expect(page.getByTestId('pipeline-empty')).toContainText('还没有销售机会');
  await app.screenshot('empty-pipeline-zh');
  await openArea(page, 'receivables', '?tab=aging');
  await expect(page.getByTestId('receivables-empty')).toContainText('还没有发票');
  await app.screenshot('empty-receivables-zh');
  await openArea(page, 'training');
  await expect(page.getByTestId('training-empty')).toBeVisible();
  await openArea(page, 'negotiation');
  await expect(page.getByTestId('negotiation-empty')).toBeVisible();

  // Now the demo, from the book menu: another file, seeded, marked.
  await page.getByTestId('book-menu').click();
  await page.getByTestId('book-open-demo').click();
  await expect(page.getByTestId('demo-badge')).toHaveText('演示');
  expect(path.basename(app.ctx.dbPath)).toBe('demo.sqlite');
  expect(app.ctx.dbPath).not.toBe(ownFile);
  expect(inFile(app.ctx.dbPath)).toMatchObject({ accounts: 400, book: { demo: true } });
  // The team's book did not receive a single demo row.
  expect(inFile(ownFile)).toMatchObject({ accounts: 0, territories: 0, invoices: 0 });
  for (const area of ['accounts', 'pareto', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']) {
    await openArea(page, area);
    await expect(page.getByTestId('demo-badge')).toBeVisible();
  }
  await openArea(page, 'accounts');
  await expect(page.locator('[role="gridcell"][col-id="name"]').first()).toBeVisible();
  await expect(page.getByTestId('accounts-empty')).toHaveCount(0);
  await app.screenshot('demo-header-zh');

  // Back to the team's book from the recent books: no mark, still empty.
  await page.getByTestId('book-menu').click();
  await page.getByTestId(`book-item-${path.basename(ownFile)}`).click();
  await expect(page.getByTestId('book-name')).toHaveText('Acme 华东工业');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  expect(app.ctx.dbPath).toBe(ownFile);
  await expect(page.getByTestId('accounts-empty')).toBeVisible();

  // The company name is edited in Settings; the header and the book file follow.
  await openArea(page, 'settings');
  await expect(page.getByTestId('company-name')).toHaveValue('Acme 华东工业');
  await page.getByTestId('company-name').fill('Acme 华东工业品有限公司');
  await page.getByTestId('company-name-save').click();
  await expect(page.getByTestId('book-name')).toHaveText('Acme 华东工业品有限公司');
  expect(inFile(ownFile)).toMatchObject({ book: { companyName: 'Acme 华东工业品有限公司', demo: false } });
  await app.screenshot('settings-company-name-zh');
});

test('first start: exploring the demo opens demo.sqlite, marked Demo in English too', async ({ app, page }) => {
  await page.goto(app.web.url);
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByText('Explore the demo company')).toBeVisible();
  await page.getByTestId('first-start-demo').click();
  await expect(page.getByTestId('app-title')).toBeVisible();
  expect(path.basename(app.ctx.dbPath)).toBe('demo.sqlite');
  await expect(page.getByTestId('book-name')).toBeVisible();
  // The demo book keeps its own language setting (Chinese); the mark follows the language.
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('demo-badge')).toHaveText('Demo');
  await app.screenshot('demo-header-en');
  // A reload (a new start of the window) opens the same book, not the first-start choice.
  await page.reload();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('first-start')).toHaveCount(0);
});

test('each screen\'s "?" opens its own section of docs/, in the current language', async ({ app, page }) => {
  await page.goto(app.web.url);
  await page.getByTestId('first-start-demo').click();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  const cases: [string, string, string, string, string][] = [
    ['accounts', '', 'accounts', 'Accounts and the buying centre', '客户与采购决策团队'],
    ['pareto', '', 'abc', 'ABC classes and the visit cadence', 'ABC 分级与拜访频率'],
    ['pipeline', '?tab=review', 'weekly-review', 'The weekly review', '周报'],
    ['pipeline', '?tab=funnel', 'funnel', 'The funnel and the forecast', '漏斗与预测'],
    ['negotiation', '', 'negotiation', 'Negotiation planning and its rules', '谈判准备与规则'],
    ['training', '', 'training', 'Role-play scoring', '谈判演练计分'],
    ['receivables', '?tab=aging', 'aging', 'Aging', '账龄'],
    ['receivables', '?tab=collections', 'collection-ladder', 'The collection ladder', '催收阶梯'],
    ['settings', '', 'getting-started', 'Getting started with your own book', '从自己的账本开始'],
  ];
  for (const lang of ['zh-CN', 'en'] as const) {
    if (lang === 'en') await page.getByTestId('lang-switch').getByText('English').click();
    for (const [area, query, section, en, zh] of cases) {
      await openArea(page, area, query);
      const drawer = await openHelp(page);
      await expect(drawer).toHaveAttribute('data-section', section);
      await expect(drawer.locator(`[data-doc-section="${section}"]`)).toHaveText(lang === 'en' ? en : zh);
      if (area === 'pipeline' && query === '?tab=review') await app.screenshot(`help-review-${lang}`);
      await closeHelp(page);
    }
  }
  // The section is the section: the review's "?" does not show the stages.
  await openArea(page, 'pipeline', '?tab=review');
  const drawer = await openHelp(page);
  await expect(drawer.locator('[data-doc-section="stages"]')).toHaveCount(0);
  await expect(drawer.locator('li', { hasText: 'Stalled' })).toBeVisible();
});
