import fs from 'node:fs';
import XLSX from 'xlsx';
import { test, expect, type Page } from './fixtures';
import { browserToday } from './browserZone';
import type { Aging, CollectionItem, InvoiceRow } from '../../src/features/receivables/contract';

// Receivables end to end on the demo company: the aging as of today, a payment that moves
// it, an invoice advanced on the collection ladder, the overdue notice, and the export.

const today = browserToday();
const cell = (page: Page, rowId: string, col: string) =>
  page.locator(`[role="row"][row-id="${rowId}"] [role="gridcell"][col-id="${col}"]`).first();
/** An antd InputNumber's <input>, whichever element carries the test id. */
const numberInput = (page: Page, id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test('the aging as of today: every bucket, totals, rates in force, chart; both languages', async ({ app, page }) => {
  const aging = await app.call<Aging>('receivables:aging', { asOf: today });
  await app.open('receivables');
  await expect(page.getByTestId('aging-total')).toHaveText(yuan(aging.totals.total));
  await expect(page.getByTestId('aging-provision')).toHaveText(yuan(aging.totals.provision));
  await expect(page.getByTestId('rates-in-force')).toContainText('61-90天 30%');
  await expect(page.locator('[data-testid="aging-chart"] canvas')).toBeVisible();
  const top = aging.customers[0]!;
  await expect(cell(page, top.accountId, 'total')).toHaveText(yuan(top.total));
  await app.screenshot('receivables-aging-zh');

  // Drill from a bucket cell of the top customer to its invoices.
  const bucket = top.byBucket.findIndex((v) => v > 0);
  await cell(page, top.accountId, `b${bucket}`).click();
  await expect(page.getByTestId('drill-tag')).toContainText(top.customer);
  await expect(page.locator('[data-testid="aging-invoices"] [role="gridcell"][col-id="invoiceNo"]').first()).toBeVisible();
  const rows = await page.locator('[data-testid="aging-invoices"] [role="gridcell"][col-id="outstanding"]').allTextContents();
  const sum = rows.reduce((s, x) => s + Math.round(Number(x.replace(/[¥,]/g, '')) * 100), 0);
  expect(sum).toBe(top.byBucket[bucket]);

  await page.getByTestId('lang-switch').getByText('English').click();
  await page.getByTestId('aging-view').getByText('By customer').click();
  await expect(page.getByTestId('rates-in-force')).toContainText('Provision rates in force: Current 0%');
  await expect(page.locator('.ag-header-cell-text', { hasText: 'Over 730 days' })).toBeVisible();
  await app.screenshot('receivables-aging-en');
});

test('recording a partial payment moves the aging; the rest stays outstanding', async ({ app, page }) => {
  const aging = await app.call<Aging>('receivables:aging', { asOf: today });
  const customer = aging.customers.find((c) => c.byBucket.slice(1).some((v) => v > 0) && c.credit === 0)!;
  const invoices = await app.call<InvoiceRow[]>('receivables:invoices', { accountId: customer.accountId });
  const target = invoices.filter((i) => i.outstanding > 0 && i.dueDate < today).sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]!;
  const part = Math.floor(target.outstanding / 2 / 100) * 100; // whole yuan

  await app.open(`receivables?tab=invoices`);
  await page.getByTestId('invoices-customer').click();
  await page.keyboard.type(customer.customer);
  await page.getByTestId(`pick-${customer.accountId}`).click();
  await cell(page, target.id, 'pay').getByTestId('invoice-pay').click();
  await expect(numberInput(page, `alloc-${target.invoiceNo}`)).toHaveValue(/\d/);
  await numberInput(page, 'payment-amount').fill(String(part / 100));
  await numberInput(page, `alloc-${target.invoiceNo}`).fill(String(part / 100));
  await expect(page.getByTestId('payment-remainder')).toContainText('¥0.00');
  await app.screenshot('receivables-payment');
  await page.getByTestId('payment-save').click();
  await expect(cell(page, target.id, 'outstanding')).toHaveText(yuan(target.outstanding - part));

  await page.getByTestId('rcv-tab-aging').click();
  await expect(cell(page, customer.accountId, 'total')).toHaveText(yuan(customer.total - part));
  await expect(page.getByTestId('aging-total')).toHaveText(yuan(aging.totals.total - part));
  const after = await app.call<Aging>('receivables:aging', { asOf: today });
  expect(after.totals.total).toBe(aging.totals.total - part);
});

test('advancing an overdue invoice on the ladder; the overdue notice; the worklist shrinks', async ({ app, page }) => {
  const due = await app.call<CollectionItem[]>('receivables:worklist', { today, dueOnly: true });
  const item = due.find((d) => d.why === 'escalate')!;
  await app.open('receivables?tab=collections');
  await expect(page.getByTestId('work-count')).toContainText(String(due.length));
  await cell(page, item.invoiceId, 'invoiceNo').click();
  const drawer = page.getByTestId('ladder-drawer');
  await expect(drawer).toBeVisible();
  await page.getByTestId('action-who').fill('李娜');
  await page.getByTestId('action-note').fill('电话联系财务，已寄出逾期通知书');
  await page.getByTestId('action-next').click();
  await page.keyboard.type(`${today.slice(0, 8)}28`);
  await page.keyboard.press('Enter');
  await page.getByTestId('action-who').click();
  await page.getByTestId('action-save').click();
  await expect(page.getByTestId('action-log').locator('tbody tr').first()).toContainText('电话联系财务');
  await expect(page.getByTestId('ladder-steps').locator('.ant-steps-item-finish').last()).toContainText(
    { reminder: '提醒', notice: '逾期通知书', finance: '财务催收', sales: '销售团队催收', lawyer: '律师催收' }[item.suggested!],
  );
  await app.screenshot('receivables-ladder');
  const ladder = await app.call<{ item: CollectionItem }>('receivables:ladder', { invoiceId: item.invoiceId, today });
  expect(ladder.item.reached).toBe(item.suggested);

  await page.getByTestId('open-notice').click();
  const notice = page.getByTestId('overdue-notice');
  await expect(notice).toContainText('逾期付款通知书');
  await expect(notice).toContainText('Overdue Payment Notice');
  await expect(notice).toContainText(item.customer);
  await expect(notice).toContainText(item.invoiceNo);
  await app.screenshot('receivables-notice');

  await app.open('receivables?tab=collections');
  await expect(page.getByTestId('work-count')).toContainText(String(due.length - 1));
});

test('exporting the aging workbook: Summary, Detail, Rates with the app’s totals', async ({ app, page }) => {
  const aging = await app.call<Aging>('receivables:aging', { asOf: today });
  await app.open('receivables');
  await expect(page.getByTestId('aging-total')).toHaveText(yuan(aging.totals.total));
  const file = await app.saveFile(() => page.getByTestId('aging-export').click());
  const wb = XLSX.read(fs.readFileSync(file));
  expect(wb.SheetNames).toEqual(['Summary', 'Detail', 'Rates']);
  const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Summary!, { header: 1, raw: true, blankrows: false });
  const total = summary[summary.length - 1]!;
  expect(total[0]).toBe('Total');
  expect(Math.round((total[9] as number) * 100)).toBe(aging.totals.total);
  expect(Math.round((total[10] as number) * 100)).toBe(aging.totals.provision);
  expect(summary.filter((r) => typeof r[9] === 'number').length).toBe(aging.customers.filter((c) => c.total > 0).length + 1);
});

test('contracts with milestones, the provision journal and credit control', async ({ app, page }) => {
  await app.open('receivables?tab=contracts');
  await page.getByTestId('contracts-table').locator('tbody tr').first().click();
  await expect(page.locator('[data-testid^="contract-XM-"]').first()).toContainText('验收后 7 天内 60%');
  await app.screenshot('receivables-contracts');
  await page.getByTestId('rcv-tab-journal').click();
  await expect(page.getByTestId('journal-lines').locator('tbody tr').first()).toBeVisible();
  await app.screenshot('receivables-journal');
  await page.getByTestId('rcv-tab-credit').click();
  await expect(page.locator('[data-testid="credit-grid"] .ant-tag', { hasText: '逾期超90天' }).first()).toBeVisible();
  await app.screenshot('receivables-credit');
});

test('booking the provision from the Journal screen, with undo until the next booking; both languages', async ({ app, page }) => {
  const aging = await app.call<Aging>('receivables:aging', { asOf: today });
  await app.open('receivables?tab=journal');
  await expect(page.getByTestId('journal-status')).toContainText(`期末：${today} 应计提的准备（尚未记账）`);
  // Nothing booked yet: the opening is 0 and the closing is the aging's provision today.
  await expect(page.getByTestId('journal-total-opening')).toHaveText(yuan(0));
  await expect(page.getByTestId('journal-total-closing')).toHaveText(yuan(aging.totals.provision));
  await page.getByTestId('journal-book').click();
  await expect(page.getByTestId('journal-status')).toContainText(`期末：${today} 已记账`);
  await expect(page.getByTestId('journal-bookings').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('journal-bookings')).toContainText(yuan(aging.totals.provision));
  await expect(page.getByTestId('journal-book')).toBeDisabled();
  await expect(page.getByTestId('journal-lines').locator('tbody tr').first()).toBeVisible();
  await page.mouse.move(0, 0); // no tooltip over the screen
  await app.screenshot('receivables-journal-booked-zh');

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('journal-status')).toContainText(`Closing: booked to ${today}`);
  await expect(page.getByText('Prior-period adjustment').first()).toBeVisible();
  await app.screenshot('receivables-journal-booked-en');

  await page.getByTestId('journal-undo').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'OK' }).click();
  await expect(page.getByTestId('journal-status')).toContainText(`Closing: the provision required at ${today} (not booked yet)`);
  await expect(page.getByTestId('journal-book')).toBeEnabled();
  expect(await app.call<unknown[]>('receivables:bookings', {})).toEqual([]);
});

test('an invoice import naming a customer the book lacks: the refusal lists what to create, the switch creates it on a second try; both languages', async ({
  app,
  page,
}) => {
  const existing = (await app.call<{ accounts: { id: string; name: string }[] }>('accounts:pick', { limit: 1 })).accounts[0]!;
  const file = `${app.dir}/发票-新客户.xlsx`;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['发票号', '客户名称', '销售区域', '业务员', '开票日期', '到期日', '金额'],
      ['E2E-NEW-1', '海口椰风食品', '海南区', '林涛', today, today, 1234.5],
      ['E2E-NEW-2', existing.name, '不存在区', '无此人', today, today, 100],
    ]),
    'Invoices',
  );
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
  const before = await app.call<Aging>('receivables:aging', { asOf: today });

  await app.open('receivables?tab=invoices');
  await app.chooseFile(file, () => page.getByTestId('import-invoices').click());
  const refusal = page.getByTestId('import-refusal');
  await expect(refusal).toBeVisible();
  await expect(refusal.getByTestId('import-errors')).toContainText('没有叫这个名称的客户');
  await expect(refusal.getByTestId('import-errors').locator('tbody tr')).toHaveCount(1);
  const missing = refusal.getByTestId('import-missing');
  await expect(missing).toContainText('可先导入客户');
  for (const tag of ['区域 海南区', '销售代表 林涛（海南区）', '客户 海口椰风食品（海南区）'])
    await expect(missing.getByText(tag)).toBeVisible();
  // Nothing of the existing customer's row (its Territory and Rep are not read) is listed.
  await expect(missing).not.toContainText('不存在区');
  await expect(refusal.getByTestId('import-again')).toBeDisabled();
  await refusal.getByTestId('import-create-missing').click();
  await expect(missing).toContainText('重新导入时将一并创建');
  await expect(refusal.getByTestId('import-again')).toBeEnabled();
  await app.screenshot('receivables-import-create-missing-zh');
  await refusal.getByRole('button', { name: '关 闭' }).click();
  await expect(refusal).toBeHidden();
  expect((await app.call<Aging>('receivables:aging', { asOf: today })).totals.total).toBe(before.totals.total);

  // The same file again, in English: refused the same way; the switch starts off.
  await page.getByTestId('lang-switch').getByText('English').click();
  await app.chooseFile(file, () => page.getByTestId('import-invoices').click());
  await expect(refusal.getByTestId('import-errors')).toContainText('no account has this name');
  await expect(missing).toContainText('Import the customers first (Accounts)');
  await expect(refusal.getByTestId('import-again')).toBeDisabled();
  await refusal.getByTestId('import-create-missing').click();
  await expect(missing).toContainText('will be created when you import again');
  for (const tag of ['Territory 海南区', 'Rep 林涛 (海南区)', 'Customer 海口椰风食品 (海南区)'])
    await expect(missing.getByText(tag)).toBeVisible();
  await app.screenshot('receivables-import-create-missing-en');

  await refusal.getByTestId('import-again').click();
  await expect(refusal).toBeHidden();
  await expect(page.getByText('Created: Territory 海南区, Rep 林涛 (海南区), Customer 海口椰风食品 (海南区)')).toBeVisible();
  const after = await app.call<Aging>('receivables:aging', { asOf: today });
  expect(after.customers.find((c) => c.customer === '海口椰风食品')).toMatchObject({ total: 1234_50, invoices: 1 });
  expect(after.totals.total).toBe(before.totals.total + 1234_50 + 100_00);
  // The grid reloaded: the quick search finds the new customer's invoice.
  await page.locator('.ant-input-search input').fill('E2E-NEW-1');
  await expect(
    page.getByTestId('invoices-grid').locator('[role="gridcell"][col-id="customer"]', { hasText: '海口椰风食品' }).first(),
  ).toBeVisible();
  await app.screenshot('receivables-import-created-en');
});

test('a new invoice names its customer found by part of the name; a payment for the filtered customer shows that customer', async ({
  app,
  page,
}) => {
  // A customer found by three characters from the middle of its name.
  const target = (await app.call<{ id: string; name: string }[]>('accounts:list', {})).find((a) => a.name.length >= 5)!;
  const before = await app.call<InvoiceRow[]>('receivables:invoices', { accountId: target.id });
  await app.open('receivables?tab=invoices');
  await page.getByTestId('invoice-new').click();
  const dialog = page.locator('.ant-modal:visible');
  await page.getByTestId('new-invoice-no').fill('E2E-PICK-1');
  await numberInput(page, 'new-invoice-amount').fill('1234.56');
  // No customer: the form refuses, at the field, and nothing is created.
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(1);
  expect(await app.call<InvoiceRow[]>('receivables:invoices', { accountId: target.id })).toHaveLength(before.length);
  await page.getByTestId('new-invoice-customer').click();
  await page.getByTestId('new-invoice-customer').locator('input').fill(target.name.slice(1, 4));
  await page.getByTestId(`pick-${target.id}`).click();
  await expect(page.getByTestId('new-invoice-customer')).toContainText(target.name);
  await app.screenshot('receivables-new-invoice-zh');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(dialog).toBeHidden();
  const created = (await app.call<InvoiceRow[]>('receivables:invoices', { accountId: target.id })).filter(
    (i) => i.invoiceNo === 'E2E-PICK-1',
  );
  expect(created.map((i) => i.amount)).toEqual([123_456]);

  // Filtered to that customer, a new payment is for them: the dialog names them (asked by id).
  await page.getByTestId('invoices-customer').click();
  await page.getByTestId('invoices-customer').locator('input').fill(target.name);
  await page.getByTestId(`pick-${target.id}`).click();
  await expect(cell(page, created[0]!.id, 'invoiceNo')).toHaveText('E2E-PICK-1');
  await page.getByTestId('payment-new').click();
  await expect(page.getByTestId('payment-customer')).toContainText(target.name);
  await expect(page.getByTestId('payment-customer')).toHaveClass(/ant-select-disabled/);
});
