import { test, expect } from './fixtures';

async function editCell(cell: import('@playwright/test').Locator, text: string) {
  await cell.dblclick();
  const input = cell.locator('input');
  await expect(input).toBeVisible();
  await input.fill(text);
  await input.press('Enter');
}

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

test('an inline edit persists after reload; an invalid one is refused and keeps the old value', async ({ app, page }) => {
  await app.open('accounts');
  await expect(nameCell(page).first()).toBeVisible();
  const rowId = await page.locator('[role="row"][row-index="0"][row-id]').first().getAttribute('row-id');
  const cell = (col: string) => page.locator(`[role="row"][row-id="${rowId}"] [role="gridcell"][col-id="${col}"]`);
  const city = cell('city');
  await editCell(city, '测试城市');
  await expect(city).toHaveText('测试城市');
  await expect.poll(async () => (await app.call<{ account: { city: string } }>('accounts:get', { id: rowId })).account.city).toBe('测试城市');
  await page.reload();
  await expect(city).toHaveText('测试城市');

  const sales = cell('sales');
  const before = await sales.textContent();
  await editCell(sales, '-500');
  await expect(page.getByText(/sales cannot be negative/)).toBeVisible();
  await expect(sales).toHaveText(before ?? '');
  await app.screenshot('accounts-edit-refused');
});
