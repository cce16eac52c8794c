import fs from 'node:fs';
import path from 'node:path';
import { test, expect, type Page } from './fixtures';
import {
  BUCKET_LABELS,
  CUSTOMER_MAP,
  CUSTOMERS,
  customersCsv,
  expectedAging,
  expectedGrades,
  expectedReview,
  fen,
  invoiceSheets,
  MISSING_ORG,
  OPPS,
  opportunitySheets,
  ORG,
  PAYMENTS,
  paymentSheets,
  sheetTable,
  stateAt,
  writeXlsx,
  yuan,
} from '../firstWeekData';

// The first week with your own data, in the browser (issue #17; the CLI half is
// test/excel/firstWeek.test.ts, with the same inputs from test/firstWeekData.ts): a new team
// starts its own empty book; imports its organisation in Settings; imports a customer list in
// another system's shape, mapping its headers in the import dialog and creating the regions
// it names; imports opportunities with their history and its invoices and payments; then
// holds the weekly review, applies ABC grades and downloads the aging workbook. Every figure
// checked is computed from the input files, never read back from the product.

// The clocks are pinned: 23:30 UTC on 29 November is 07:30 on Monday 30 November in the book's
// zone (Asia/Shanghai), so "today" is 2026-11-30 whatever the machine's zone or hour; the UTC
// date is the day before, which a date taken from the wrong zone would show.
const NOW = '2026-11-29T23:30:00Z';
const TODAY = '2026-11-30';
const WEEK_AGO = '2026-11-23';
const TOMORROW = '2026-12-01';
test.use({ startWith: 'nothing', now: NOW });

const money = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** A screenshot of the screen from its top, the pointer out of the way. */
async function shot(app: { screenshot(n: string): Promise<void> }, page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await app.screenshot(`firstweek-${name}`);
}

async function openArea(page: Page, area: string, query = '') {
  await page.evaluate((h) => (location.hash = h), `#/${area}${query}`);
  await expect(page.getByTestId('page-title')).toBeVisible();
}

/** The grid row id of the account (or aging customer) whose `col` cell reads exactly `text`. */
async function rowIdOf(page: Page, col: string, text: string): Promise<string> {
  const cell = page
    .locator(`[role="gridcell"][col-id="${col}"]`)
    .filter({ hasText: new RegExp(`^${text}$`) })
    .first();
  await expect(cell).toBeVisible();
  return (await cell.locator('xpath=ancestor::*[@role="row"][1]').getAttribute('row-id'))!;
}
const gridCell = (page: Page, rowId: string, col: string) =>
  page.locator(`[role="row"][row-id="${rowId}"] [role="gridcell"][col-id="${col}"]`).first();

test('the first week with our own data: empty book, org, a foreign customer list, pipeline, receivables, the weekly review, grades and the aging workbook', async ({
  app,
  page,
}) => {
  test.setTimeout(90_000);
  const file = (name: string) => path.join(app.dir, name);

  // ---- 1. First start: the team's own book, in Chinese, in Shanghai time.
  await page.goto(app.web.url);
  await expect(page.getByTestId('first-start')).toBeVisible();
  await page.getByTestId('new-book-company').fill('华东工业集团');
  await page.getByTestId('new-book-zone').click();
  await page.keyboard.type('Asia/Shangh');
  await page.locator('.ant-select-item-option', { hasText: 'Asia/Shanghai' }).click();
  await page.getByTestId('new-book-locale').getByText('中文').click();
  await page.getByTestId('new-book-create').click();
  await expect(page.getByTestId('book-name')).toHaveText('华东工业集团');
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  expect(app.ctx.clock.today()).toBe(TODAY);
  const empty = page.getByTestId('accounts-empty');
  await expect(empty).toContainText('还没有客户');
  await expect(empty.getByTestId('empty-org-step')).toBeVisible();
  await shot(app, page, '1-empty-accounts-zh');

  // ---- 2. Settings → organisation: import the org workbook (written here with SheetJS).
  await empty.getByTestId('empty-go-settings').click();
  await expect(page.getByTestId('page-title')).toHaveText('设置');
  const org = page.getByTestId('org-settings');
  await app.chooseFile(writeXlsx(file('org.xlsx'), ORG), () => org.getByTestId('org-import').click());
  await expect(org.getByTestId('org-territories').locator('tbody tr.ant-table-row')).toHaveCount(ORG.Territories.length - 1);
  await expect(org.getByTestId('org-territories').getByRole('cell', { name: '华东区' })).toBeVisible();
  const people = org.getByTestId('org-people').locator('tbody tr.ant-table-row');
  await expect(people).toHaveCount(ORG.People.length - 1);
  for (const p of ORG.People.slice(1)) await expect(org.getByTestId('org-people')).toContainText(String(p[2]));
  await org.scrollIntoViewIfNeeded();
  await shot(app, page, '2-org-imported-zh');

  // ---- 3. Accounts: the other system's CSV, its headers mapped in the dialog, its new regions created.
  fs.writeFileSync(file('customers.csv'), customersCsv());
  await page.getByTestId('nav-accounts').click();
  await page.getByTestId('accounts-empty').getByTestId('empty-import').click();
  const dialog = page.getByTestId('import-dialog');
  await app.chooseFile(file('customers.csv'), () => dialog.getByTestId('import-choose').click());
  await expect(dialog.getByRole('cell', { name: 'Customer Name', exact: true })).toBeVisible();
  for (const [header, field] of Object.entries(CUSTOMER_MAP)) {
    const select = dialog.getByTestId(`import-map-${header}`);
    await select.click();
    await page.keyboard.type(`(${field})`);
    await page.keyboard.press('Enter');
    await expect(select).toContainText(`(${field})`);
  }
  const missing = dialog.getByTestId('import-missing');
  for (const t of MISSING_ORG.territories) await expect(missing).toContainText(`区域 ${t}`);
  for (const [rep, t] of MISSING_ORG.reps) await expect(missing).toContainText(`销售代表 ${rep}（${t}）`);
  await expect(dialog.getByTestId('import-confirm')).toBeDisabled();
  await shot(app, page, '3a-accounts-mapping-zh');
  await dialog.getByTestId('import-create-missing').click();
  await expect(missing).toContainText('导入时将一并创建');
  await expect(dialog.locator('.ant-statistic').nth(0)).toContainText(String(CUSTOMERS.length));
  await expect(dialog.locator('.ant-statistic').nth(3)).toContainText('0');
  await expect(dialog.getByTestId('import-confirm')).toBeEnabled();
  await shot(app, page, '3b-accounts-create-missing-zh');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('row-count')).toContainText(`共 ${CUSTOMERS.length} 个客户`);
  expect((await page.locator('[role="gridcell"][col-id="name"]').allTextContents()).sort()).toEqual(CUSTOMERS.map((c) => c[0]).sort());
  for (const [name, region, rep, sales, city] of [CUSTOMERS[1]!, CUSTOMERS[4]!, CUSTOMERS[5]!]) {
    const id = await rowIdOf(page, 'name', name);
    await expect(gridCell(page, id, 'territory')).toHaveText(region);
    await expect(gridCell(page, id, 'city')).toHaveText(city);
    await expect(gridCell(page, id, 'sales')).toHaveText(money(Math.round(Number(sales) * 100)));
    await expect(gridCell(page, id, 'owner')).toHaveText(rep);
  }
  await shot(app, page, '3c-accounts-imported-zh');

  // ---- 4. Opportunities (with their History sheet), then invoices and payments.
  await page.getByTestId('nav-pipeline').click();
  // A History row dated tomorrow in the book's zone (today by the UTC date and the real clock's) is refused, nothing written.
  const early = opportunitySheets();
  early.History!.push(['T-2', TOMORROW, 4, 'open', 160000, '2026-12-31']);
  await app.chooseFile(writeXlsx(file('opportunities-early.xlsx'), early), () =>
    page.getByTestId('pipeline-empty').getByTestId('empty-import').click(),
  );
  const oppErrors = page.getByTestId('pipeline-import-errors');
  await expect(oppErrors.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(oppErrors.locator('thead')).toContainText('原因');
  await expect(oppErrors.locator('tbody tr.ant-table-row')).toContainText(`History${early.History!.length}Date${TOMORROW}晚于今天`);
  await shot(app, page, '4a-pipeline-refused-zh');
  await page.locator('.ant-modal-close').click();
  await expect(page.getByTestId('pipeline-empty')).toBeVisible();
  await app.chooseFile(writeXlsx(file('opportunities.xlsx'), opportunitySheets()), () =>
    page.getByTestId('pipeline-empty').getByTestId('empty-import').click(),
  );
  await expect(page.getByTestId('pipeline-empty')).toHaveCount(0);
  await expect(page.getByTestId('column-4')).toContainText('Turbines');
  await expect(page.getByTestId('column-3')).toContainText('Conveyors');
  await expect(page.getByTestId('column-1')).toContainText('Spare parts');
  await shot(app, page, '4b-pipeline-board-zh');

  await page.getByTestId('nav-receivables').click();
  const rcvEmpty = page.getByTestId('receivables-empty');
  // An invoice for a customer the book does not have is refused, with its row and value; nothing is written.
  const stray = invoiceSheets();
  stray.Invoices!.push(['INV-006', '北方重工', '2026-11-02', '2026-12-02', 500]);
  await app.chooseFile(writeXlsx(file('invoices-stray.xlsx'), stray), () => rcvEmpty.getByTestId('empty-import-invoices').click());
  const invErrors = page.getByTestId('import-errors');
  await expect(invErrors.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(invErrors.locator('thead')).toContainText('原因');
  await expect(invErrors.locator('tbody tr.ant-table-row')).toContainText(`${stray.Invoices!.length}Customer北方重工没有叫这个名称的客户`);
  // The refusal offers to create the customer; this user closes it and imports the right file.
  await expect(page.getByTestId('import-refusal')).toContainText('北方重工');
  await shot(app, page, '4c-invoices-refused-zh');
  await page.getByTestId('import-refusal-close').click();
  await expect(rcvEmpty).toBeVisible();
  await app.chooseFile(writeXlsx(file('invoices.xlsx'), invoiceSheets()), () => rcvEmpty.getByTestId('empty-import-invoices').click());
  await expect(rcvEmpty).toHaveCount(0);
  await page.getByTestId('rcv-tab-invoices').click();
  await app.chooseFile(writeXlsx(file('payments.xlsx'), paymentSheets()), () => page.getByTestId('import-payments').click());
  await expect(page.locator('.ant-message').getByText(`已导入 ${PAYMENTS.length} 条`)).toBeVisible();

  // ---- 5a. The weekly review, last Monday to this Monday.
  const review = expectedReview(WEEK_AGO, TODAY);
  await openArea(page, 'pipeline', '?tab=settings');
  const probability = new Map<number, number>();
  for (const pos of review.byStage.keys()) probability.set(pos, Number(await page.getByTestId(`stage-prob-${pos}`).inputValue()));
  const weighted = (pos: number) => (review.byStage.get(pos)!.amountFen * probability.get(pos)!) / 100;
  await page.getByTestId('tab-review').click();
  await expect(page.getByTestId('bridge-chart')).toBeVisible();
  for (const [k, v] of Object.entries(review.counts))
    await expect(page.getByTestId(`review-count-${k}`).locator('.ant-statistic-content-value')).toHaveText(String(v));
  await expect(page.getByTestId('review-increases')).toContainText(`+${money(review.increasesFen)}`);
  await expect(page.getByTestId('review-pipeline-from')).toContainText(
    `${WEEK_AGO}: ${review.from.count} · ${money(review.from.amountFen)}`,
  );
  await expect(page.getByTestId('review-pipeline-to')).toContainText(`${TODAY}: ${review.to.count} · ${money(review.to.amountFen)}`);
  const totalWeighted = [...review.byStage.keys()].reduce((s, pos) => s + weighted(pos), 0);
  await expect(page.getByTestId('review-view')).toContainText(money(totalWeighted));
  for (const [pos, s] of review.byStage) {
    await expect(page.getByTestId(`stage-opportunities-${pos}`)).toHaveText(String(s.count));
    await expect(page.getByTestId(`stage-amount-${pos}`)).toHaveText(money(s.amountFen));
    await expect(page.getByTestId(`stage-forecast-${pos}`)).toHaveText(money(weighted(pos)));
  }
  await shot(app, page, '5a-review-zh');
  // The funnel today: the open opportunities by stage, and this year's win.
  await page.getByTestId('tab-funnel').click();
  for (const [pos, s] of review.byStage) await expect(page.getByTestId(`funnel-count-${pos}`)).toHaveText(String(s.count));
  const wonThisYear = OPPS.map((o) => stateAt(o[0], TODAY)!).filter((h) => h[3] === 'won' && h[1].startsWith(TODAY.slice(0, 4)));
  await expect(page.getByTestId('won-to-date')).toContainText(
    `${wonThisYear.length} · ${money(wonThisYear.reduce((s, h) => s + fen(h[4]), 0))}`,
  );
  await shot(app, page, '5b-funnel-zh');

  // ---- 5b. ABC grades from this year's sales at 55/85.
  const grades = expectedGrades(55, 85);
  const classCount = (g: string) => [...grades.values()].filter((x) => x === g).length;
  await page.getByTestId('nav-pareto').click();
  await expect(page.getByTestId('pareto-chart')).toHaveAttribute('data-bars', String(CUSTOMERS.length));
  for (const g of ['A', 'B', 'C']) await expect(page.getByTestId(`comp-accounts-${g}`)).toHaveText(String(classCount(g)));
  await page.getByTestId('apply-grades').click();
  await expect(page.getByTestId('apply-preview')).toContainText(String(CUSTOMERS.length));
  await shot(app, page, '5c-pareto-apply-zh');
  await page.getByTestId('apply-confirm').click();
  await expect(page.getByTestId('apply-done')).toBeVisible();
  await page.getByTestId('nav-accounts').click();
  for (const [name, grade] of grades) await expect(gridCell(page, await rowIdOf(page, 'name', name), 'grade')).toHaveText(grade);
  await gridCell(page, await rowIdOf(page, 'name', CUSTOMERS[0]![0]), 'grade').scrollIntoViewIfNeeded();
  await shot(app, page, '5d-accounts-graded-zh');

  // ---- 5c. The aging as of today, on screen and in the downloaded workbook.
  const aging = expectedAging(TODAY);
  await page.getByTestId('nav-receivables').click();
  await page.getByTestId('rcv-tab-aging').click();
  await expect(page.getByTestId('aging-total')).toHaveText(money(aging.total));
  await expect(page.getByTestId('aging-provision')).toHaveText(money(aging.provision));
  for (const [customer, c] of aging.perCustomer)
    await expect(gridCell(page, await rowIdOf(page, 'customer', customer), 'total')).toHaveText(money(c.total));
  await shot(app, page, '5e-aging-zh');
  const workbook = await app.saveFile(() => page.getByTestId('aging-export').click());
  expect(path.basename(workbook)).toMatch(new RegExp(`aging-${TODAY}\\.xlsx$`));
  const summary = sheetTable(workbook, 'Summary', 'Customer');
  const head = summary[0]!;
  expect(head.slice(1, head.indexOf('Total'))).toEqual(BUCKET_LABELS);
  const totals = summary.find((r) => r[0] === 'Total')!;
  expect(totals.slice(1, 1 + BUCKET_LABELS.length)).toEqual(aging.byBucket.map(yuan));
  expect([totals[head.indexOf('Total')], totals[head.indexOf('Provision')]]).toEqual([yuan(aging.total), yuan(aging.provision)]);
  const rows = summary.slice(1).filter((r) => r[0] && r[0] !== 'Total');
  expect(new Map(rows.map((r) => [r[0], r[head.indexOf('Total')]]))).toEqual(
    new Map([...aging.perCustomer].map(([k, v]) => [k, yuan(v.total)])),
  );

  // ---- The review and the aging in English too (once this week's Chinese notices have gone).
  await page.mouse.move(0, 0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('rates-in-force')).toContainText('Provision rates in force');
  await shot(app, page, '6a-aging-en');
  await openArea(page, 'pipeline', '?tab=review');
  await expect(page.getByTestId('review-count-won')).toContainText('Won');
  await expect(page.getByTestId('review-pipeline-to')).toContainText(`${TODAY}: ${review.to.count} · ${money(review.to.amountFen)}`);
  await shot(app, page, '6b-review-en');
});
