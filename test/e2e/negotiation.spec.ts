import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { test, expect, type Page } from './fixtures';

// The seeds' worked example typed into the worksheet editor: quote 3,100,000, floor
// 1,880,000 (margin 1,220,000), target 2,500,000, three shrinking concessions each with an
// exchange; then a broken rule, the export and the other tabs.

const field = (page: Page, id: string) =>
  page
    .getByTestId(id)
    .locator('input')
    .or(page.locator(`input[data-testid="${id}"]`))
    .first();

async function typeNumber(page: Page, id: string, value: string) {
  const input = field(page, id);
  await input.fill(value);
  await input.blur();
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

test('plan the seed example, break a rule, export, log a round and print', async ({ app, page }) => {
  test.setTimeout(180_000); // one long story through every tab; the machine is shared
  await app.open('negotiation');
  await expect(page.getByTestId('worksheet-list')).toBeVisible();
  await page.getByTestId('new-worksheet').click();
  await page.getByTestId('new-worksheet-name').fill('华东医院 CT 项目');
  await page.locator('#new-worksheet-ok').click();
  await expect(page.getByTestId('worksheet-editor')).toBeVisible();

  // The four default issues with the seeds' ranks; price is selected.
  await expect(page.getByTestId('issues-table').locator('tbody tr')).toHaveCount(4);
  await expect(field(page, 'issue-name')).toHaveValue('价格');

  await typeNumber(page, 'issue-quote', '3100000');
  await typeNumber(page, 'issue-target', '2500000');
  await typeNumber(page, 'issue-floor', '1880000');
  await typeNumber(page, 'issue-theirFloor', '2700000');
  await expect(page.getByTestId('issue-margin')).toHaveText('¥1,220,000');

  const steps: [string, string][] = [
    ['2800000', '预付 30%'],
    ['2620000', '签三年服务合同'],
    ['120000', '本月内签约'],
  ];
  for (const [i, [value, exchange]] of steps.entries()) {
    const n = i + 1;
    await page.getByTestId('add-step').click();
    if (n === 3) {
      // The last step typed as a size: its position is derived.
      await page.getByTestId('step-3-entered').getByText('让步幅度').click();
      await typeNumber(page, 'step-3-size', value);
    } else {
      await typeNumber(page, `step-${n}-position`, value);
    }
    await page.getByTestId(`step-${n}-exchange`).fill(exchange);
  }
  await pick(page, 'step-1-traded', '付款条件');
  await typeNumber(page, 'step-1-amount', '30');
  await page.getByTestId('step-1-reason').fill('对方预算压力');

  // Every derived number of the seed example.
  await expect(page.getByTestId('step-1-size-derived')).toContainText('¥300,000');
  await expect(page.getByTestId('step-2-size-derived')).toContainText('¥180,000');
  await expect(page.getByTestId('step-3-position-derived')).toContainText('¥2,500,000');
  await expect(page.getByTestId('step-1-cumulative')).toHaveText('累计让步 ¥300,000 · 24.59%');
  await expect(page.getByTestId('step-2-cumulative')).toHaveText('累计让步 ¥480,000 · 39.34%');
  await expect(page.getByTestId('step-3-cumulative')).toHaveText('累计让步 ¥600,000 · 49.18%');
  await expect(page.getByTestId('margin-text')).toHaveText(
    '价格：计划让步合计 ¥600,000，占谈判获利空间 ¥1,220,000（报价 − 底价）的 49.18%',
  );
  await expect(page.getByTestId('zopa-text')).toContainText('¥1,880,000 – ¥2,700,000');
  await expect(page.getByTestId('checks-summary')).toHaveText('所有检查通过');
  const chart = page.getByTestId('ladder-chart').locator('canvas').first();
  await expect(chart).toBeVisible();
  expect((await chart.boundingBox())!.height).toBeGreaterThan(200);
  await app.screenshot('negotiation-seed-ladder');

  // Break a rule: no exchange for step 2 — the message appears beside the exchange field.
  await page.getByTestId('step-2-exchange').fill('');
  const noExchange = page.getByTestId('step-2').getByTestId('check-no-exchange');
  await expect(noExchange).toHaveText('价格 第2次让步：没有提出交换条件——让步必须有交换条件。');
  await expect(page.getByTestId('checks-summary')).toHaveText('1 项未通过 · 0 项提醒');
  // …and a step past the floor, beside the number.
  await typeNumber(page, 'step-1-position', '1800000');
  await expect(page.getByTestId('step-1').getByTestId('check-past-floor')).toContainText('越过了底价 ¥1,880,000');
  await app.screenshot('negotiation-rule-broken');
  await typeNumber(page, 'step-1-position', '2800000');
  await page.getByTestId('step-2-exchange').fill('签三年服务合同');
  await expect(page.getByTestId('checks-summary')).toHaveText('所有检查通过');

  await page.getByTestId('save-worksheet').click();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  const list = await app.call<{ id: string }[]>('negotiation:list', {});
  const saved = await app.call<{
    issues: { quote: number; steps: { entered: string; position: number | null; size: number | null; tradedIssueId: string | null }[] }[];
  }>('negotiation:get', { id: list[0]!.id });
  expect(saved.issues[0]!.quote).toBe(310_000_000);
  expect(saved.issues[0]!.steps.map((s) => [s.entered, s.position, s.size])).toEqual([
    ['position', 280_000_000, null],
    ['position', 262_000_000, null],
    ['size', null, 12_000_000],
  ]);

  // Export: the workbook of the contract, with the checks sheet empty and the chart inside.
  const file = await app.saveFile(() => page.getByTestId('export-worksheet').click());
  const wb = XLSX.read(fs.readFileSync(file));
  expect(wb.SheetNames.slice(0, 3)).toEqual(['Plan', 'Concessions', 'Checks']);
  const plan = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Plan!, { header: 1, defval: null });
  expect(plan.find((r) => r[0] === '价格')).toEqual(['价格', 'yuan', 'higher', 3_100_000, 2_500_000, 1_880_000, 1_220_000, 2, 1]);
  expect(fs.readFileSync(file).includes(Buffer.from('xl/media/image1.png'))).toBe(true);

  // Trade-offs: delivery is worth offering, payment is what we ask for.
  await page.getByTestId('tab-tradeoffs').click();
  await expect(page.getByTestId('matrix-4-2')).toContainText('到货时间');
  await expect(page.getByTestId('matrix-4-2')).toHaveAttribute('data-class', 'offer');
  await expect(page.getByTestId('matrix-1-4')).toHaveAttribute('data-class', 'ask');
  await expect(page.getByTestId('trade-totals')).toContainText('¥600,000.00');
  await app.screenshot('negotiation-tradeoffs');

  // A round with a time-out; plan against actual.
  await page.getByTestId('tab-rounds').click();
  await page.getByTestId('add-round').click();
  await page.getByTestId('round-demand').fill('降价 20%');
  await page.getByTestId('round-response').fill('要求预付 30%');
  await pick(page, 'round-conceded-issue', '价格');
  await typeNumber(page, 'round-conceded-amount', '300000');
  await pick(page, 'round-timeout', '对方突破授权范围');
  await page.locator('#round-ok').click();
  await expect(page.getByTestId('rounds-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('rounds-table')).toContainText('对方突破授权范围');
  await expect(page.getByTestId('plan-vs-actual').locator('tbody tr').first()).toContainText('¥300,000 (24.59%)');
  await expect(page.getByTestId('actual-withinPlan')).toBeVisible();
  await app.screenshot('negotiation-rounds');

  // The agreement, term by term, confirmed.
  await page.getByTestId('tab-agreement').click();
  await page.getByTestId('terms-from-plan').click();
  await expect(page.getByTestId('terms-table').locator('tbody tr')).toHaveCount(4);
  await page.getByTestId('confirm-agreement').click();
  await expect(page.getByTestId('agreement-confirmed')).toBeVisible();
  await app.screenshot('negotiation-agreement');

  // The team and its roles, saved with the plan.
  await page.getByTestId('tab-team').click();
  await page.getByTestId('add-member').click();
  await page.getByTestId('member-0-name').fill('王磊');
  await pick(page, 'member-0-role', '协调者');
  await page.getByTestId('save-worksheet').click();
  await expect(page.getByTestId('unsaved')).toHaveCount(0);
  await app.screenshot('negotiation-team');

  // The print view (window.print() turns it into paper or PDF).
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('print-worksheet').click();
  await expect(page.getByTestId('print-sheet')).toContainText('华东医院 CT 项目');
  await expect(page.getByTestId('print-ladder').first().locator('canvas').first()).toBeVisible();
  await app.screenshot('negotiation-print');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sw-sider')).toBeHidden();
  await app.screenshot('negotiation-print-media');
  await page.emulateMedia({ media: 'screen' });

  // English.
  await page.getByTestId('print-back').click();
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('margin-text')).toHaveText(
    '价格: planned concessions total ¥600,000 = 49.18% of the negotiation margin ¥1,220,000 (quote − floor)',
  );
  await app.screenshot('negotiation-en');
});

test('a trainer imports a case workbook; a malformed one is refused with the cell that is wrong', async ({ app, page }) => {
  const created = await app.call<{ id: string; version: number; name: string }>('negotiation:create', {
    name: 'Case A',
    opportunityId: null,
    lang: 'en',
  });
  const ws = await app.call<{ issues: { id: string }[] }>('negotiation:get', { id: created.id });
  const out = `${app.dir}/case.xlsx`;
  await app.call('negotiation:export', { id: created.id, file: app.ctx.files.register(out, 'write').token, lang: 'en' });
  expect(ws.issues).toHaveLength(4);

  await app.open('negotiation');
  await app.chooseFile(out, () => page.getByTestId('import-worksheet').click());
  await expect(page.getByTestId('worksheet-editor')).toBeVisible();
  await expect(page.getByTestId('worksheet-name')).toHaveValue('Case A');

  const bad = `${app.dir}/bad.xlsx`;
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([
      ['Issue', 'Unit', 'Direction', 'Quote', 'Target', 'Floor', 'Margin', 'Our priority', 'Their priority'],
      ['Price', 'yuan', 'up', 'lots', 1, 1, null, 9, 1],
    ]),
    'Plan',
  );
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Issue', 'Step', 'Position', 'Size', 'Exchange', 'Reason']]), 'Concessions');
  XLSX.writeFile(wb, bad);
  await page.getByTestId('back-to-list').click();
  await app.chooseFile(bad, () => page.getByTestId('import-worksheet').click());
  await expect(page.getByTestId('import-errors')).toContainText('Plan row 2, column Direction, value "up"');
  await expect(page.getByTestId('import-errors')).toContainText(
    'Plan row 2, column Quote, value "lots": not a number with at most two decimals',
  );
  await expect(page.getByTestId('import-errors')).toBeVisible();
  await expect(page.locator('.ant-modal').first()).not.toHaveClass(/zoom-(appear|enter)/); // wait for the dialog's animation
  await app.screenshot('negotiation-import-refused');
});

test('a worksheet linked to an opportunity found by its account’s name; the editor names the link', async ({ app, page }) => {
  // Demo opportunities share names across accounts: the account's name finds the right one.
  const list = await app.call<{ id: string; name: string; accountName: string; status: string }[]>('pipeline:list', {
    includeClosed: false,
  });
  const target = list.find((o) => list.some((x) => x.id !== o.id && x.name === o.name))!;
  await app.open('negotiation');
  await page.getByTestId('new-worksheet').click();
  await page.getByTestId('new-worksheet-name').fill('联动测试');
  await page.getByTestId('new-worksheet-opportunity').click();
  await page
    .getByTestId('new-worksheet-opportunity')
    .locator('input')
    .fill(`${target.accountName} ${target.name.split(' ')[1] ?? ''}`);
  const option = page.getByTestId(`pick-${target.id}`);
  await expect(option).toContainText(target.accountName);
  await app.screenshot('negotiation-link-opportunity-zh');
  await option.click();
  await page.locator('#new-worksheet-ok').click();
  await expect(page.getByTestId('worksheet-editor')).toBeVisible();
  await expect(page.getByTestId('worksheet-opportunity')).toContainText(target.name);
  const worksheets = await app.call<{ name: string; opportunityId: string | null; opportunityName: string | null }[]>(
    'negotiation:list',
    {},
  );
  expect(worksheets.find((w) => w.name === '联动测试')).toMatchObject({ opportunityId: target.id, opportunityName: target.name });
  // The list names the deal with its account too.
  await app.open('negotiation');
  const row = page.locator('tr', { has: page.getByText('联动测试', { exact: true }) });
  await expect(row.getByTestId('worksheet-list-opportunity')).toHaveText(`${target.name} · ${target.accountName}`);
  await app.screenshot('negotiation-list-linked-zh');
});
