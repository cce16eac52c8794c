import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { test, expect, type Page } from './fixtures';
import { weekStartOf } from '../../src/features/reports/periods';
import type { Deal, ForecastOut, OverviewScreen, OverviewVisits, QuotasOut, ReportsLookups } from '../../src/features/reports/contract';

// Reports → Overview on the demo company (quotas for this year, last week's call and two
// deals moved to Commit since): the tiles show the overview channel's numbers in both
// languages, each tile clicks through to its screen (with the scope where the area takes
// one), quotas are edited in the grid, the call is recorded, the meeting pack downloads.

test.setTimeout(180_000);

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

async function openOverview(app: { open(area: string): Promise<void> }, page: Page) {
  await app.open('reports');
  await expect(page.getByTestId('tile-attainment')).toBeVisible({ timeout: 60_000 });
}

test('the Monday overview in Chinese and English, numbers as the channel computes them', async ({ app, page }) => {
  const lookups = await app.call<ReportsLookups>('reports:lookups', {});
  const o = await app.call<OverviewScreen>('reports:overview', { week: weekStartOf(lookups.today) });
  // By hand from the overview's own parts: the tile is won ÷ quota and open ÷ (quota − won).
  expect(o.total.attainmentQuarter).toBeCloseTo(o.total.wonQuarter / o.total.quotaQuarter, 4);
  expect(o.total.coverage).toBeCloseTo(o.total.openQuarter / (o.total.quotaQuarter - o.total.wonQuarter), 4);

  await openOverview(app, page);
  await expect(page.getByTestId('page-title')).toHaveText('报表');
  await expect(page.getByTestId('attainment-quarter')).toContainText(pct(o.total.attainmentQuarter));
  await expect(page.getByTestId('attainment-month')).toContainText(pct(o.total.attainmentMonth));
  await expect(page.getByTestId('coverage-value')).toContainText(`${o.total.coverage!.toFixed(2)}×`);
  await expect(page.getByTestId('coverage-mark')).toHaveText(o.total.coverage! >= 3 ? '已达 3 倍' : '低于 3 倍');
  const visits = await app.call<OverviewVisits>('reports:overviewVisits', { week: weekStartOf(lookups.today) });
  await expect(page.getByTestId('visits-overdue')).toContainText(String(visits.overdue));
  await expect(page.getByTestId('visits-A')).toContainText(String(visits.dueByClass.A!.visits));
  await expect(page.getByTestId('tile-stalled')).toContainText(String(o.stalledCount));
  await expect(page.getByTestId('tile-forecast')).toContainText('类别变化的机会');
  await expect(page.getByTestId('receivables-table').locator('tbody tr')).toHaveCount(Math.min(10, o.receivables.length));
  // The collection rungs in words, downloaded with the reports (the receivables' texts), never their keys.
  await expect(page.getByTestId('receivables-table')).toContainText(/提醒|逾期通知书|财务催收|销售团队催收|律师催收/);
  await expect(page.getByTestId('receivables-table')).not.toContainText('rung.');
  // The demo's negotiation under way, its third round next.
  expect(o.negotiations).toEqual([expect.objectContaining({ rounds: 2, nextRound: 3 })]);
  await expect(page.getByTestId('tile-negotiations')).toContainText(o.negotiations[0]!.name);
  await expect(page.getByTestId('forecast-chart').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('abc-chart').locator('canvas').first()).toBeVisible();
  await app.screenshot('reports-overview-zh');
  await page.getByTestId('tile-receivables').scrollIntoViewIfNeeded();
  await app.screenshot('reports-overview-zh-lower');

  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('page-title')).toHaveText('Reports');
  await expect(page.getByTestId('tile-attainment')).toContainText('Quota attainment');
  await expect(page.getByTestId('tile-forecast')).toContainText('Deals that changed category');
  await expect(page.getByTestId('coverage-mark')).toHaveText(o.total.coverage! >= 3 ? '3× reached' : 'below 3×');
  await expect(page.getByTestId('receivables-table')).toContainText(
    /Reminder|Overdue notice|Finance collection|Sales-team collection|Lawyer/,
  );
  await app.screenshot('reports-overview-en-lower');
  await page.getByTestId('tile-attainment').scrollIntoViewIfNeeded();
  await app.screenshot('reports-overview-en');
});

test('each tile clicks through to the screen behind it, with the scope', async ({ app, page }) => {
  const lookups = await app.call<ReportsLookups>('reports:lookups', {});
  const territory = lookups.territories[0]!;
  const cases: [string, RegExp, string][] = [
    ['attainment', /#\/reports\?tab=quotas/, 'quotas-grid'],
    ['forecast', /#\/reports\?tab=forecast/, 'calls-table'],
    ['coverage', new RegExp(`#/pipeline\\?tab=funnel&territoryId=${territory.id}`), 'pipeline-scope-territory'],
    ['movement', new RegExp(`#/pipeline\\?tab=review&territoryId=${territory.id}`), 'review-view'],
    ['stalled', /#\/pipeline\?tab=review/, 'review-view'],
    ['commitments', /#\/pipeline\?tab=review/, 'review-view'],
    ['visits', new RegExp(`#/pareto\\?territoryId=${territory.id}&tab=plan`), 'visit-plan'],
    ['abc', new RegExp(`#/pareto\\?territoryId=${territory.id}`), 'pareto-chart'],
    ['negotiations', /#\/negotiation$/, 'page-title'],
    ['receivables', new RegExp(`#/receivables\\?tab=collections&territoryId=${territory.id}`), 'rcv-tab-collections'],
  ];
  for (const [tile, url, landed] of cases) {
    await app.open(`reports?territoryId=${territory.id}`);
    await expect(page.getByTestId(`tile-${tile}`)).toBeVisible({ timeout: 60_000 });
    await page.getByTestId(`tile-${tile}`).locator('.ant-card-head').click();
    await expect(page).toHaveURL(url);
    await expect(page.getByTestId(landed).first()).toBeVisible({ timeout: 30_000 });
    if (tile === 'coverage' || tile === 'movement') {
      // The pipeline opens on the territory the overview was showing.
      await expect(page.getByTestId('pipeline-scope-territory')).toContainText(territory.nameZh);
    }
    if (tile === 'receivables') {
      // The collection worklist narrowed to that territory, and says so.
      await expect(page.getByTestId('work-scope')).toContainText(territory.nameZh);
    }
    if (tile === 'visits' || tile === 'abc') {
      // So does the Pareto area (the visit plan on its own tab).
      await expect(page.getByTestId('scope-territory')).toContainText(territory.nameZh);
    }
  }
});

test('quotas edited in the grid; the weekly call recorded; a deal moved to Commit; the meeting pack downloads', async ({ app, page }) => {
  const lookups = await app.call<ReportsLookups>('reports:lookups', {});
  const week = weekStartOf(lookups.today);
  const year = Number(lookups.today.slice(0, 4));
  await app.open('reports?tab=quotas');
  const grid = page.getByTestId('quotas-grid');
  await expect(grid.locator('.ag-row').first()).toBeVisible({ timeout: 60_000 });
  // January of the first rep row: type 1,234,567.89 yuan.
  const cell = grid.locator('.ag-cell[col-id="m1"]').first();
  await cell.click();
  await page.keyboard.type('1234567.89');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await app.call<QuotasOut>('reports:quotas', { year })).reps.some((r) => r.months[0] === 123_456_789))
    .toBe(true);
  const q = (await app.call<QuotasOut>('reports:quotas', { year })).reps.find((r) => r.months[0] === 123_456_789)!;
  await expect(cell).toContainText('1,234,567.89');
  await expect(grid.locator('.ag-cell[col-id="q1"]').first()).toContainText(
    (q.quarters[0]! / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }),
  );
  await app.screenshot('reports-quotas-zh');

  // A best-case deal moved to Commit by its owner, then this week's call recorded.
  const deal = (await app.call<Deal[]>('reports:deals', {})).find((d) => d.category === 'bestCase')!;
  await app.call('reports:setCategory', { opportunityId: deal.opportunityId, category: 'commit' });
  await page.getByTestId('reports-tab-forecast').click();
  await expect(page.getByTestId('calls-table')).toBeVisible();
  await page.getByTestId('record-call').click();
  await expect.poll(async () => (await app.call<ForecastOut>('reports:forecast', { week })).reps.every((r) => r.recorded)).toBe(true);
  await expect(page.getByTestId('calls-table')).toContainText('已记录');
  await expect(page.getByTestId('moves-table')).toContainText(deal.name);
  await expect(page.getByTestId(`category-${deal.opportunityId}`)).toBeAttached();
  await app.screenshot('reports-forecast-zh');

  await page.getByTestId('reports-tab-overview').click();
  await expect(page.getByTestId('tile-attainment')).toBeVisible();
  const file = await app.saveFile(() => page.getByTestId('reports-pack').click());
  const wb = XLSX.read(fs.readFileSync(file));
  expect(wb.SheetNames).toEqual(['Summary', 'Forecast', 'Movement', 'Stalled', 'Commitments', 'Visits', 'Receivables']);
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Forecast!, { header: 1, raw: true, blankrows: true, defval: null });
  expect(rows.find((r) => r[0] === 'Owner')!.slice(0, 7)).toEqual(['Owner', 'Quota', 'Won', 'Commit', 'Best case', 'Pipeline', 'Coverage']);
});
