import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { test, expect, type Page } from './fixtures';
import { insertRow } from '../../src/platform/db/changeLog';

// The Pareto / ABC screen on the demo company: the chart, thresholds moving the lines and
// the composition, a click opening the account, applying grades (and undo) reaching the
// accounts grid, the visit plan and the scorecard.

const chart = (page: Page) => page.getByTestId('pareto-chart');

// The machine running these is shared and slow; the first ranking can take a while.
test.setTimeout(180_000);

async function openPareto(app: { open(area: string): Promise<void> }, page: Page) {
  await app.open('pareto');
  await expect(chart(page)).toHaveAttribute('data-bars', '400', { timeout: 30_000 });
  await expect(chart(page).locator('canvas').first()).toBeVisible();
}

/** The pixel centre of bar `index` of `count` along the x axis, near the bottom of the plot. */
async function barPoint(page: Page, index: number, count: number) {
  const box = (await chart(page).boundingBox())!;
  const left = 72;
  const right = 56;
  const width = box.width - left - right;
  return { x: box.x + left + ((index + 0.5) * width) / count, y: box.y + 360 - 40 - 6 };
}

test('the Pareto chart renders with the demo data; thresholds move the lines and the composition', async ({ app, page }) => {
  await openPareto(app, page);
  await expect(page.getByTestId('page-title')).toHaveText('ABC 分析');
  await expect(page.getByTestId('reading')).toContainText('A 类');
  await expect(chart(page)).toHaveAttribute('data-a', '55');
  const lastA = Number(await chart(page).getAttribute('data-last-a'));
  const countA = await page.getByTestId('comp-accounts-A').textContent();
  expect(Number(countA)).toBe(lastA);
  await app.screenshot('pareto-zh');

  // The chart follows its container's size (a narrower window draws it narrower, and back).
  const canvas = chart(page).locator('canvas').first();
  const wide = (await canvas.boundingBox())!.width;
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: viewport.width - 300, height: viewport.height });
  await expect.poll(async () => (await canvas.boundingBox())!.width).toBeLessThan(wide - 200);
  await page.setViewportSize(viewport);
  await expect.poll(async () => (await canvas.boundingBox())!.width).toBe(wide);

  // A preset moves both threshold lines and the composition.
  await page.getByTestId('preset-80-95').click();
  await expect(chart(page)).toHaveAttribute('data-a', '80');
  await expect(chart(page)).toHaveAttribute('data-b', '95');
  await expect.poll(async () => Number(await chart(page).getAttribute('data-last-a'))).toBeGreaterThan(lastA);
  await expect(page.getByTestId('comp-accounts-A')).not.toHaveText(countA ?? '');
  await app.screenshot('pareto-zh-80-95');
  // So does typing a threshold.
  const a = page.getByTestId('threshold-a');
  await a.fill('60');
  await a.press('Tab');
  await expect(chart(page)).toHaveAttribute('data-a', '60');

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('reading')).toContainText('A has');
  await expect(page.getByText('Cumulative share').first()).toBeVisible();
  // Hovering shows the account, value, cumulative share and class.
  const p = await barPoint(page, 0, 400);
  await page.mouse.move(p.x, p.y);
  const tip = chart(page).locator('div', { hasText: 'Cumulative share:' }).last();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('Rank 1');
  await expect(tip).toContainText('Class: A');
  await app.screenshot('pareto-en-tooltip');

  // Clicking the first bar opens that account.
  const { rows } = await app.call<{ rows: { id: string; name: string }[] }>('pareto:ranks', {
    params: { measure: 'sales', a: 60, b: 95 },
    limit: 1,
  });
  await page.mouse.click(p.x, p.y);
  await expect(page).toHaveURL(new RegExp(`#/accounts\\?id=${rows[0]!.id}`));
  await expect(page.getByText(rows[0]!.name).first()).toBeVisible();
});

test('applying grades updates the accounts grid, and undo restores it', async ({ app, page }) => {
  await openPareto(app, page);
  await page.getByTestId('apply-grades').click();
  await expect(page.getByTestId('apply-preview')).toContainText('400');
  await app.screenshot('pareto-apply-preview');
  await page.getByTestId('apply-confirm').click();
  await expect(page.getByTestId('apply-done')).toBeVisible();
  const graded = await app.call<{ id: string; grade: string | null; gradeSource: string | null }[]>('accounts:list', {});
  expect(graded.every((x) => ['A', 'B', 'C'].includes(x.grade ?? '') && x.gradeSource === 'pareto')).toBe(true);
  // The ranks table shows the new grades too.
  await expect(page.getByTestId('ranks-table').locator('tbody tr.ant-table-row').first()).toContainText('A (ABC)');

  await page.getByTestId('nav-accounts').click();
  const gradeCell = page.locator('[role="gridcell"][col-id="grade"]').first();
  await expect(gradeCell).toHaveText(/^[ABC]$/);
  const first = await page.locator('[role="row"][row-index="0"][row-id]').first().getAttribute('row-id');
  const want = graded.find((x) => x.id === first)!.grade!;
  const cell = page.locator(`[role="row"][row-id="${first}"] [role="gridcell"][col-id="grade"]`);
  await expect(cell).toHaveText(want);
  await cell.scrollIntoViewIfNeeded();
  await app.screenshot('pareto-accounts-graded');

  // Undo from the batch list.
  await page.getByTestId('nav-pareto').click();
  await page.getByTestId('grade-batches').click();
  await page.locator('[data-testid^="undo-batch-"]').first().click();
  await expect
    .poll(async () => (await app.call<{ grade: string | null }[]>('accounts:list', {})).every((x) => x.grade === null))
    .toBe(true);
  await page.getByTestId('nav-accounts').click();
  await expect(page.locator(`[role="row"][row-id="${first}"] [role="gridcell"][col-id="grade"]`)).toHaveText('');
});

test('the visit plan shows a calendar by city with the workload, and exports; the scorecard lists disagreements', async ({ app, page }) => {
  await openPareto(app, page);
  await page.getByTestId('tab-plan').click();
  await expect(page.getByTestId('plan-calendar')).toBeVisible();
  await expect(page.getByTestId('plan-load')).toContainText('工作日');
  await expect(page.getByTestId('plan-calendar').locator('.ant-tag').first()).toBeVisible();
  await app.screenshot('pareto-visit-plan');
  const saved = await app.saveFile(() => page.getByTestId('export-plan').click());
  expect(fs.existsSync(saved)).toBe(true);
  expect(XLSX.read(fs.readFileSync(saved)).SheetNames).toEqual(['拜访计划', '工作量']);

  await page.getByTestId('tab-scorecard').click();
  await expect(page.getByTestId('scorecard-matrix')).toBeVisible();
  await expect(page.getByTestId('disagreements').locator('tbody tr.ant-table-row').first()).toBeVisible();
  await app.screenshot('pareto-scorecard');
});

test("a rep holding more accounts than a month holds: the plan lists each day's first contacts and says how many more", async ({
  app,
  page,
}) => {
  // 600 more B accounts for every rep: two visits each, some 57 a day against 4.
  const reps = app.ctx.db.prepare("SELECT id, territory_id FROM reps WHERE role = 'rep' AND deleted_at IS NULL").all() as {
    id: string;
    territory_id: string;
  }[];
  app.ctx.db.transaction(() => {
    for (const r of reps)
      for (let i = 0; i < 600; i++)
        insertRow(app.ctx, 'accounts', {
          territory_id: r.territory_id,
          owner_id: r.id,
          name: `批量客户 ${r.id.slice(-4)}-${i}`,
          grade: 'B',
          city: '上海',
        });
  })();
  await app.open('pareto?tab=plan');
  await expect(page.getByTestId('plan-calendar')).toBeVisible();
  const hidden = page.locator('[data-testid^="plan-hidden-"]');
  await expect(hidden.first()).toContainText(/另有 \d+ 个（导出 Excel 可看全部）/);
  await expect(page.getByTestId('plan-load')).toContainText('超负荷');
  // A day lists at most 40 contacts.
  const firstDay = (await hidden.first().getAttribute('data-testid'))!.replace('plan-hidden-', '');
  expect(await page.locator(`[data-testid="plan-day-${firstDay}"] .ant-tag`).count()).toBeLessThanOrEqual(40);
  await app.screenshot('pareto-visit-plan-overloaded');
});
