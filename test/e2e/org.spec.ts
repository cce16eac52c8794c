import path from 'node:path';
import * as XLSX from 'xlsx';
import { test, expect } from './fixtures';

// Settings → Organisation: territories and people edited with validation, a person
// deactivated (kept, marked), in both languages; and the accounts import preview listing
// the territories and reps a file names that the book lacks, with the switch to create them.

type Db = { prepare(sql: string): { get(...a: unknown[]): unknown; all(...a: unknown[]): unknown[] } };
const db = (app: { ctx: { db: unknown } }) => app.ctx.db as Db;

test('the organisation editor adds territories and people, refuses what is incomplete, and deactivates', async ({ app, page }) => {
  await app.open('settings');
  const org = page.getByTestId('org-settings');
  await expect(org.getByTestId('org-territories').getByRole('cell', { name: '华东区' })).toBeVisible();

  await org.getByTestId('add-territory').click();
  const tDialog = page.locator('.ant-modal', { hasText: '添加区域' });
  await tDialog.getByLabel('中文名').fill('华南区');
  await tDialog.getByLabel('英文名').fill('Southwest China;');
  await tDialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(tDialog.getByText('不能包含分号“;”')).toBeVisible();
  await tDialog.getByLabel('英文名').fill('Southwest China');
  await tDialog.getByRole('button', { name: /保\s*存/ }).click();
  // The name clash is the server's check, shown on the field in Chinese.
  await expect(tDialog.getByText('已有区域名为「华南区」')).toBeVisible();
  await tDialog.getByLabel('中文名').fill('西南区');
  await tDialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(tDialog).toBeHidden();
  await expect(org.getByTestId('org-territories').getByRole('cell', { name: '西南区' })).toBeVisible();

  // A rep without a territory is refused by the form; then saved with one.
  await org.getByTestId('add-person').click();
  const pDialog = page.locator('.ant-modal', { hasText: '添加人员' });
  await pDialog.getByLabel('中文名').fill('黄磊');
  await pDialog.getByLabel('英文名').fill('Huang Lei');
  await pDialog.getByLabel('邮箱').fill('huang.lei@example');
  await pDialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(pDialog.getByText('不是邮箱地址（例如 name@example.com）')).toBeVisible();
  await expect(pDialog.getByText('销售代表必须选择所在区域')).toBeVisible();
  await pDialog.getByLabel('邮箱').fill('huang.lei@example.com');
  await pDialog.getByLabel('所在区域').click();
  await page.locator('.ant-select-item-option', { hasText: '西南区' }).click();
  await pDialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(pDialog).toBeHidden();
  await expect(org.getByTestId('org-people').getByRole('cell', { name: '黄磊' })).toBeVisible();

  // A manager leading two territories.
  await org.getByTestId('add-person').click();
  await pDialog.getByLabel('中文名').fill('周敏');
  await pDialog.getByLabel('英文名').fill('Zhou Min');
  await pDialog.getByLabel('角色').click();
  await page.locator('.ant-select-item-option', { hasText: '销售经理' }).click();
  await pDialog.getByLabel('负责的区域').click();
  await page.locator('.ant-select-item-option', { hasText: '西南区' }).click();
  await page.locator('.ant-select-item-option', { hasText: '华东区' }).click();
  await pDialog.getByLabel('负责的区域').press('Escape');
  await pDialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(org.getByTestId('org-people').getByRole('row', { name: /周敏/ })).toContainText('销售经理');

  const stored = db(app).prepare("SELECT role, territory_id, email FROM reps WHERE name_en = 'Huang Lei'").get() as {
    role: string;
    territory_id: string;
    email: string;
  };
  expect(stored).toMatchObject({ role: 'rep', email: 'huang.lei@example.com' });
  const leads = db(app)
    .prepare(
      "SELECT t.name_en FROM manager_territories m JOIN reps r ON r.id = m.person_id JOIN territories t ON t.id = m.territory_id WHERE r.name_en = 'Zhou Min' AND m.deleted_at IS NULL ORDER BY 1",
    )
    .all();
  expect(leads).toEqual([{ name_en: 'East China' }, { name_en: 'Southwest China' }]);

  // Deactivate Liu Yang: kept, marked.
  const liu = org.getByTestId('org-people').getByRole('row', { name: /黄磊/ });
  await liu.getByRole('button', { name: /停\s*用/ }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(liu).toContainText('已停用');
  expect(db(app).prepare("SELECT deactivated_at IS NOT NULL AS off FROM reps WHERE name_en = 'Huang Lei'").get()).toEqual({ off: 1 });
  await org.scrollIntoViewIfNeeded();
  await app.screenshot('org-settings-zh');

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(org.getByText('Organisation: territories and people')).toBeVisible();
  await expect(org.getByTestId('org-people').getByRole('row', { name: /Huang Lei/ })).toContainText('Deactivated');
  await expect(org.getByTestId('org-people').getByRole('row', { name: /Zhou Min/ })).toContainText('Manager');
  await app.screenshot('org-settings-en');
});

test('the accounts import preview lists the territories and reps it would create, and creates them when switched on', async ({
  app,
  page,
}) => {
  await app.open('accounts');
  await expect(page.getByTestId('row-count')).toContainText('400');
  const file = path.join(app.dir, 'customers.xlsx');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['Name', 'Territory', 'Owner', 'Sales'],
      ['南方建材', 'South', 'Huang Jun', 1000],
      ['南海物流', 'South', 'Huang Jun', 500],
      ['东海船舶', '华东区', '王磊', 200],
    ]),
    'Customers',
  );
  XLSX.writeFile(wb, file);
  await page.getByTestId('import-open').click();
  await app.chooseFile(file, () => page.getByTestId('import-choose').click());
  const dialog = page.getByTestId('import-dialog');
  const missing = dialog.getByTestId('import-missing');
  await expect(missing).toContainText('区域 South');
  await expect(missing).toContainText('销售代表 Huang Jun（South）');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await dialog.getByTestId('import-create-missing').click();
  await expect(missing).toContainText('导入时将一并创建');
  await expect(dialog.locator('.ant-statistic').nth(3)).toContainText('0');
  await app.screenshot('accounts-import-create-missing');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('row-count')).toContainText('403');
  const rows = db(app)
    .prepare(
      "SELECT a.name, t.name_en AS territory, r.name_en AS owner FROM accounts a JOIN territories t ON t.id = a.territory_id JOIN reps r ON r.id = a.owner_id WHERE a.name IN ('南方建材', '南海物流') ORDER BY a.name",
    )
    .all();
  expect(rows).toEqual([
    { name: '南方建材', territory: 'South', owner: 'Huang Jun' },
    { name: '南海物流', territory: 'South', owner: 'Huang Jun' },
  ]);
});
