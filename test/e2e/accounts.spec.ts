import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { test, expect } from './fixtures';

async function editCell(cell: import('@playwright/test').Locator, text: string) {
  await cell.dblclick();
  const input = cell.locator('input');
  await expect(input).toBeVisible();
  await input.fill(text);
  await input.press('Enter');
}

const accountCount = (app: { ctx: { db: { prepare(sql: string): { get(): unknown } } } }) =>
  (app.ctx.db.prepare('SELECT count(*) AS n FROM accounts WHERE deleted_at IS NULL').get() as { n: number }).n;

const nameCell = (page: import('@playwright/test').Page) => page.locator('[role="gridcell"][col-id="name"]');

test('the accounts grid shows the demo accounts in both languages', async ({ app, page }) => {
  await app.open('accounts');
  await expect(nameCell(page).first()).toBeVisible();
  await expect(page.getByTestId('row-count')).toContainText('400');
  await expect(page.locator('.ag-header-cell-text', { hasText: '客户名称' })).toBeVisible();
  await app.screenshot('accounts-zh');
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.locator('.ag-header-cell-text', { hasText: 'Sales last year' })).toBeVisible();
  await expect(page.getByTestId('row-count')).toContainText('400 accounts');
  // Money is shown as ¥ with thousands separators.
  await expect(page.locator('[role="gridcell"][col-id="sales"]').first()).toHaveText(/^¥[\d,]+\.\d{2}$/);
  await app.screenshot('accounts-en');
});

test('territory scope narrows the grid; select-all ticks every row of the view, loaded or not', async ({ app, page }) => {
  await app.open('accounts');
  const count = page.getByTestId('row-count');
  await expect(count).toContainText('400');
  await page.getByTestId('scope-territory').click();
  const option = page.locator('.ant-select-item-option').nth(1);
  const territory = (await option.textContent())!;
  await option.click();
  await expect(count).not.toContainText('400');
  const shown = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(shown).toBeGreaterThan(0);
  expect(shown).toBeLessThan(400);
  // Every visible row belongs to the chosen territory.
  const territories = await page.locator('[role="gridcell"][col-id="territory"]').allTextContents();
  expect(territories.length).toBeGreaterThan(0);
  expect(new Set(territories)).toEqual(new Set([territory]));
  // Select-all ticks the scoped rows only, including those not scrolled into view yet.
  const scoped = app.ctx.db
    .prepare(
      'SELECT id FROM accounts a WHERE deleted_at IS NULL AND territory_id = (SELECT id FROM territories WHERE name_zh = ? OR name_en = ?)',
    )
    .pluck()
    .all(territory, territory) as string[];
  expect(scoped).toHaveLength(shown);
  await page.getByTestId('select-all').click();
  await expect(count).toContainText(`已选 ${shown} 个`);
  await expect(page.getByTestId('row-select').first()).toBeChecked();
  // Unticking one row leaves the rest; deleting removes exactly the ticked ones.
  await page.getByTestId('row-select').first().click();
  await expect(count).toContainText(`已选 ${shown - 1} 个`);
  await page.getByTestId('delete-selected').click();
  await expect(count).toContainText('共 1 个客户');
  expect(accountCount(app)).toBe(400 - (shown - 1));
  await page.getByTestId('undo-delete').click();
  await expect(count).toContainText(`共 ${shown} 个客户`);
  await page.getByTestId('scope-territory').click();
  await page.locator('.ant-select-item-option').nth(0).click();
  await expect(count).toContainText('400');
});

test('an inline edit persists after reload; an invalid one is refused and keeps the old value', async ({ app, page }) => {
  await app.open('accounts');
  await expect(nameCell(page).first()).toBeVisible();
  const rowId = await page.locator('[role="row"][row-index="0"][row-id]').first().getAttribute('row-id');
  const cell = (col: string) => page.locator(`[role="row"][row-id="${rowId}"] [role="gridcell"][col-id="${col}"]`);
  const city = cell('city');
  await editCell(city, '测试城市');
  await expect(city).toHaveText('测试城市');
  await expect
    .poll(async () => (await app.call<{ account: { city: string } }>('accounts:get', { id: rowId })).account.city)
    .toBe('测试城市');
  await page.reload();
  await expect(city).toHaveText('测试城市');

  const sales = cell('sales');
  const before = await sales.textContent();
  await editCell(sales, '-500');
  await expect(page.getByText(/sales cannot be negative/)).toBeVisible();
  await expect(sales).toHaveText(before ?? '');
  await app.screenshot('accounts-edit-refused');
});

// ---- Excel in and out -------------------------------------------------------------

function writeXlsx(file: string, rows: unknown[][]) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '客户');
  XLSX.writeFile(wb, file);
}

test('an import with an error shows the error list and changes nothing', async ({ app, page }) => {
  await app.open('accounts');
  await expect(page.getByTestId('row-count')).toContainText('400');
  const file = path.join(app.dir, '客户导入-有错误.xlsx');
  writeXlsx(file, [
    ['客户名称', '区域', '负责人', '今年销售额', '等级'],
    ['新客户甲', '华东区', '王磊', 1000, 'A'],
    ['', '华东区', '', 'abc', 'Z'],
  ]);
  await page.getByTestId('import-open').click();
  await app.chooseFile(file, () => page.getByTestId('import-choose').click());
  const errorsTable = page.getByTestId('import-errors');
  await expect(errorsTable).toBeVisible();
  await expect(page.getByTestId('import-errors-alert')).toContainText('3');
  await expect(errorsTable.locator('tbody tr')).toHaveCount(3);
  // Reasons in the UI's language (the saved workbook keeps the English the CLI prints).
  await expect(errorsTable).toContainText('不是金额（应为以元为单位的数字');
  await expect(errorsTable).toContainText('必填：此单元格为空');
  await expect(errorsTable.locator('tbody tr').first()).toContainText('3');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await app.screenshot('accounts-import-errors');

  // The error list can be saved as a workbook: Row, Column, Value, Reason.
  const saved = await app.saveFile(() => page.getByTestId('save-errors').click());
  const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(saved)).Sheets.Errors!, { header: 1 });
  expect(rows[0]).toEqual(['Row', 'Column', 'Value', 'Reason']);
  expect(rows).toHaveLength(4);
  expect(accountCount(app)).toBe(400);
  await page
    .getByRole('button', { name: /取\s*消|Cancel/ })
    .first()
    .click();
  await expect(page.getByTestId('row-count')).toContainText('400');
});

test('a good import adds rows, and can be undone', async ({ app, page }) => {
  await app.open('accounts');
  await expect(page.getByTestId('row-count')).toContainText('400');
  const file = path.join(app.dir, 'new-accounts.xlsx');
  writeXlsx(file, [
    ['Name', 'Territory', 'Owner', 'Sales', 'City', 'Remark'],
    ['导入测试甲公司', '华东区', '王磊', 1234.5, '上海', 'x'],
    ['Import Test B Ltd', 'North China', 'Zhang Wei', '2,000.00', 'Beijing', 'y'],
  ]);
  await page.getByTestId('import-open').click();
  await app.chooseFile(file, () => page.getByTestId('import-choose').click());
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog.getByRole('cell', { name: 'Remark' })).toBeVisible();
  await expect(dialog.locator('.ant-statistic').nth(1)).toContainText('2');
  await app.screenshot('accounts-import-preview');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('row-count')).toContainText('402');
  await page.getByTestId('quick-search').locator('input').fill('导入测试甲');
  await expect(nameCell(page)).toHaveText(['导入测试甲公司']);
  expect(accountCount(app)).toBe(402);

  await page.getByTestId('undo-import').click();
  await page.getByTestId('quick-search').locator('input').fill('');
  await expect(page.getByTestId('row-count')).toContainText('400');
  expect(accountCount(app)).toBe(400);

  // The import dialog lists recent imports; this one shows as undone.
  await page.getByTestId('import-open').click();
  await page.getByTestId('import-batches').getByRole('button').first().click();
  await expect(page.getByTestId('import-batches')).toContainText('new-accounts.xlsx');
  await expect(page.getByTestId('import-batches')).toContainText('已撤销');
  await app.screenshot('accounts-import-history');
});

test('export writes a file whose cells match the grid', async ({ app, page }) => {
  await app.open('accounts');
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('row-count')).toContainText('400 accounts');
  await page.getByTestId('quick-search').locator('input').fill('上海');
  await expect(page.getByTestId('row-count')).not.toContainText('400 accounts');
  const shownText = await page.getByTestId('row-count').textContent();
  const shown = Number(/(\d+)/.exec(shownText ?? '')![1]);
  expect(shown).toBeGreaterThan(0);

  const file = await app.saveFile(() => page.getByTestId('export').click());
  const wb = XLSX.read(fs.readFileSync(file));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1, defval: null });
  const headers = rows[0] as string[];
  expect(headers[0]).toBe('ID');
  // The grid's visible column headers, in order, follow the ID.
  // (The grid renders only the columns in view, so those are a prefix of the file's.)
  const gridHeaders = (await page.locator('.ag-header-cell[col-id] .ag-header-cell-text').allTextContents()).filter((h) => h.trim() !== '');
  expect(gridHeaders.length).toBeGreaterThan(3);
  expect(headers.slice(1, 1 + gridHeaders.length)).toEqual(gridHeaders);
  expect(rows).toHaveLength(shown + 1);

  // The first rows' cells match what the grid shows.
  for (let i = 0; i < Math.min(3, shown); i++) {
    const rowId = await page.locator(`[role="row"][row-index="${i}"][row-id]`).first().getAttribute('row-id');
    const cell = (col: string) => page.locator(`[role="row"][row-id="${rowId}"] [role="gridcell"][col-id="${col}"]`).first();
    const record = rows[i + 1]!;
    expect(record[0]).toBe(rowId);
    expect(record[headers.indexOf('Name')]).toBe((await cell('name').textContent())?.trim());
    expect(record[headers.indexOf('Territory')]).toBe((await cell('territory').textContent())?.trim());
    expect(record[headers.indexOf('City')] ?? '').toBe((await cell('city').textContent())?.trim());
    const salesText = (await cell('sales').textContent())!.replace(/[¥,]/g, '');
    expect(record[headers.indexOf('Sales')]).toBeCloseTo(Number(salesText), 2);
  }
  await app.screenshot('accounts-exported');
});

test('column filters are answered by the database: text by what the cell shows, money typed in yuan', async ({ app, page }) => {
  await app.open('accounts');
  const count = page.getByTestId('row-count');
  await expect(count).toContainText('400');
  const db = app.ctx.db as unknown as { prepare(sql: string): { pluck(): { get(...p: unknown[]): unknown } } };
  const scalar = (sql: string, ...p: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...p) as number;
  const openFilter = async (col: string) => {
    await page.locator(`.ag-header-cell[col-id="${col}"] .ag-header-cell-filter-button`).click();
    const input = page.locator('.ag-filter .ag-filter-body input').first();
    await expect(input).toBeVisible();
    return input;
  };

  // City contains 州 (default "contains").
  const withZhou = scalar("SELECT count(*) FROM accounts WHERE deleted_at IS NULL AND city LIKE '%州%'");
  expect(withZhou).toBeGreaterThan(0);
  expect(withZhou).toBeLessThan(400);
  await (await openFilter('city')).fill('州');
  await expect(count).toContainText(`共 ${withZhou} 个客户`);
  const cities = await page.locator('[role="gridcell"][col-id="city"]').allTextContents();
  expect(cities.length).toBeGreaterThan(0);
  expect(cities.every((c) => c.includes('州'))).toBe(true);
  await page.keyboard.press('Escape');

  // Sales equal to one account's amount, typed in yuan (default "equals").
  const fen = scalar('SELECT sales_fen FROM accounts WHERE deleted_at IS NULL AND sales_fen % 100 <> 0 AND city LIKE ? LIMIT 1', '%州%');
  const same = scalar('SELECT count(*) FROM accounts WHERE deleted_at IS NULL AND sales_fen = ? AND city LIKE ?', fen, '%州%');
  await (await openFilter('sales')).fill(String(fen / 100));
  await expect(count).toContainText(`共 ${same} 个客户`);
  await expect(page.locator('[role="gridcell"][col-id="sales"]').first()).toHaveText(
    `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
  );
  await app.screenshot('accounts-column-filters');
});
