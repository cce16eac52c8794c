import XLSX from 'xlsx';
import { test, expect, type Page } from './fixtures';
import type { FunnelOut, ReviewOut, Stage } from '../../src/features/pipeline/contract';
import { addDays } from '../../src/shared/dates';

// The pipeline on the demo book: drag a card to the next stage, then the funnel and the
// weekly review show the move; the review's numbers open the opportunities behind them;
// the review exports as one workbook.

async function counts(page: Page, prefix: string, keys: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const k of keys)
    out[k] = Number(
      (await page.getByTestId(`${prefix}${k}`).locator('.ant-statistic-content-value').first().textContent())?.replace(/[^\d]/g, ''),
    );
  return out;
}

test('drag a card to the next stage; the funnel and the review update', async ({ app, page }) => {
  const today = app.ctx.clock.today();
  const { stages } = await app.call<{ stages: Stage[] }>('pipeline:lookups', {});
  const review = await app.call<ReviewOut>('pipeline:review', { from: addDays(today, -7), to: today });
  // An opportunity sitting unchanged in stage 1 all week: moving it makes it "advanced".
  const candidate = review.rows
    .filter((r) => r.change === 'unchanged' && r.statusTo === 'open' && r.stageTo === stages[1]!.id)
    .sort((a, b) => b.amountTo - a.amountTo)[0]!;
  expect(candidate, 'the demo has an open opportunity unchanged in stage 1 all week').toMatchObject({
    change: 'unchanged',
    stageFrom: stages[1]!.id,
    statusTo: 'open',
  });

  await app.open('pipeline?tab=funnel');
  await expect(page.getByTestId('funnel-chart')).toBeVisible();
  const funnelBefore = [await page.getByTestId('funnel-count-1').textContent(), await page.getByTestId('funnel-count-2').textContent()].map(
    Number,
  );
  await app.screenshot('pipeline-funnel-zh');

  await page.getByTestId('tab-review').click();
  await expect(page.getByTestId('bridge-chart')).toBeVisible();
  const reviewBefore = await counts(page, 'review-count-', ['advanced', 'unchanged']);
  expect(reviewBefore).toEqual({ advanced: review.counts.advanced, unchanged: review.counts.unchanged });

  await page.getByTestId('tab-board').click();
  const card = page.getByTestId(`card-${candidate.id}`);
  await expect(card).toBeVisible();
  await app.screenshot('pipeline-board-zh');
  // Dropped on the column's header: a column of cards is taller than the window.
  await card.dragTo(page.getByTestId('column-total-2'));
  await expect(page.getByTestId('column-2').getByTestId(`card-${candidate.id}`)).toBeVisible();
  await expect
    .poll(async () => (await app.call<{ opportunity: { stageId: string } }>('pipeline:get', { id: candidate.id })).opportunity.stageId)
    .toBe(stages[2]!.id);

  await page.getByTestId('tab-funnel').click();
  await expect(page.getByTestId('funnel-count-1')).toHaveText(String(funnelBefore[0]! - 1));
  await expect(page.getByTestId('funnel-count-2')).toHaveText(String(funnelBefore[1]! + 1));
  const funnel = await app.call<FunnelOut>('pipeline:funnel', { asOf: today, periodFrom: addDays(today, -90), periodTo: today });
  expect(funnel.stages[2]!.count).toBe(funnelBefore[1]! + 1);

  await page.getByTestId('tab-review').click();
  await expect(page.getByTestId('review-count-advanced').locator('.ant-statistic-content-value')).toHaveText(
    String(reviewBefore.advanced! + 1),
  );
  await expect(page.getByTestId('review-count-unchanged').locator('.ant-statistic-content-value')).toHaveText(
    String(reviewBefore.unchanged! - 1),
  );
  await app.screenshot('pipeline-review-zh');

  // The number clicks through to the opportunities behind it, the moved one among them.
  await page.getByTestId('review-count-advanced').click();
  const drill = page.getByTestId('review-drill');
  await expect(drill).toContainText(`${reviewBefore.advanced! + 1}`);
  await expect(drill.locator(`[role="row"][row-id="${candidate.id}"]`)).toBeVisible();
  await app.screenshot('pipeline-review-drill-zh');

  // A commitment recorded in the meeting shows in this review's list.
  await drill.locator(`[role="row"][row-id="${candidate.id}"] [data-testid="drill-commit"]`).click();
  await page.getByTestId('commit-step').fill('提交正式报价');
  await page.getByTestId('commit-save').click();
  await drill.locator('.ant-drawer-close').click();
  await expect(page.getByTestId('review-recorded')).toContainText('提交正式报价');
});

test('the review in English, its per-stage numbers and the exported workbook', async ({ app, page }) => {
  await app.open('pipeline?tab=review');
  await page.getByTestId('lang-switch').getByText('English').click();
  await expect(page.getByTestId('review-per-stage')).toContainText('Gather information');
  await expect(page.getByTestId('review-count-advanced')).toContainText('Advanced');
  await expect(page.getByTestId('bridge-start')).toContainText(/In period at from: ¥[\d,]+\.\d{2}/);
  await app.screenshot('pipeline-review-en');

  // Printing: the navigation and the controls drop out, the review stays.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('nav-pipeline')).toBeHidden();
  await expect(page.getByTestId('review-export')).toBeHidden();
  await expect(page.getByTestId('review-per-stage')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.getByTestId('stage-stalledCount-0').click();
  await expect(page.getByTestId('review-drill')).toContainText('Gather information · Stalled');
  await page.getByTestId('review-drill').locator('.ant-drawer-close').click();

  const file = await app.saveFile(() => page.getByTestId('review-export').click());
  const wb = XLSX.readFile(file);
  expect(wb.SheetNames.slice(0, 4)).toEqual(['Funnel', 'Movement', 'Stalled', 'Forecast']);
  const movement = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets.Movement!);
  expect(movement.length).toBeGreaterThan(100);
  expect(new Set(movement.map((r) => r.Change))).toContain('advanced');

  await page.getByTestId('tab-board').click();
  await expect(page.getByTestId('column-0')).toContainText('Gather information');
  await app.screenshot('pipeline-board-en');
  await page.getByTestId('tab-funnel').click();
  await page.getByTestId('funnel-measure').getByText('Amount').click();
  await expect(page.getByTestId('won-to-date')).toContainText('Won this year');
  await app.screenshot('pipeline-funnel-en');
});

test('the editor records a stage change with its effective date, and the grid lists opportunities', async ({ app, page }) => {
  await app.open('pipeline?tab=grid');
  await expect(page.locator('[role="gridcell"][col-id="name"]').first()).toBeVisible();
  const firstRow = page.locator('[role="row"][row-index="0"][row-id]').first();
  const id = (await firstRow.getAttribute('row-id'))!;
  await firstRow.locator('[col-id="name"]').click();
  const editor = page.getByTestId('opportunity-editor');
  await expect(editor).toBeVisible();
  await page.getByTestId('opp-next-step').fill('安排高层拜访');
  await editor.getByRole('tab', { name: /判断机会/ }).click();
  await page.getByTestId('check-budget').getByText('是').click();
  await page.getByTestId('opp-save').click();
  await expect
    .poll(
      async () =>
        (await app.call<{ opportunity: { nextStep: string }; checklist: { budget: boolean } }>('pipeline:get', { id })).checklist.budget,
    )
    .toBe(true);
  await app.screenshot('pipeline-editor-zh');
  await editor.locator('.ant-drawer-close').click();

  // Stage settings: the seven default stages with their probabilities; raising one re-weights the forecast.
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('stage-prob-6')).toHaveValue('95');
  await page.getByTestId('stage-prob-6').fill('90');
  await page.getByTestId('save-stages').click();
  await expect
    .poll(async () => (await app.call<{ stages: { probabilityBp: number }[] }>('pipeline:lookups', {})).stages[6]!.probabilityBp)
    .toBe(9000);
  await app.screenshot('pipeline-settings-zh');
});

test('a new opportunity: its account is searched for by name, and its owner is one of that account’s reps', async ({ app, page }) => {
  const { territories, reps } = await app.call<{
    territories: { id: string; nameZh: string }[];
    reps: { id: string; nameZh: string; territoryId: string }[];
  }>('accounts:lookups', {});
  const before = await app.call<{ id: string }[]>('pipeline:list', { includeClosed: true });
  // One demo account with an owner, in the second territory: the picker finds it by part of its name.
  const [target] = (
    await app.call<{ id: string; name: string; territoryId: string; ownerId: string | null }[]>('accounts:list', {})
  ).filter((a) => a.territoryId === territories[1]!.id && a.ownerId && a.name.length >= 4);
  const part = target!.name.slice(1, 4);

  await app.open('pipeline?tab=board');
  await page.getByTestId('add-opportunity').click();
  const editor = page.getByTestId('opportunity-editor');
  await page.getByTestId('opp-name').fill('二期扩容');
  await page.getByTestId('opp-amount').fill('120000');
  // No account yet: the save is refused, saying what is missing, and nothing is created.
  await page.getByTestId('opp-save').click();
  await expect(editor).toContainText('请选择客户');
  expect(await app.call<unknown[]>('pipeline:list', { includeClosed: true })).toHaveLength(before.length);

  // Opened, the list shows the first page of the book and says there are more.
  await page.getByTestId('opp-account').click();
  await expect(page.getByTestId('pick-more')).toContainText('只列出前 20 项');
  await app.screenshot('pipeline-account-picker-zh');
  await page.getByTestId('opp-account').locator('input').fill(part);
  await page.getByTestId(`pick-${target!.id}`).click();
  await expect(page.getByTestId(`pick-${target!.id}`)).toBeHidden();
  const owner = reps.find((r) => r.id === target!.ownerId)!;
  await expect(page.getByTestId('opp-owner')).toContainText(owner.nameZh);
  // The owner list holds the account's territory's reps only.
  await page.getByTestId('opp-owner').click();
  const ownerOptions = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(ownerOptions.first()).toBeVisible();
  const offered = await ownerOptions.allTextContents();
  const territoryReps = reps.filter((r) => r.territoryId === target!.territoryId).map((r) => r.nameZh);
  expect(offered.length).toBeGreaterThan(0);
  for (const name of offered) expect(territoryReps).toContain(name);
  expect(offered).toContain(owner.nameZh);
  await page.keyboard.press('Escape');
  await app.screenshot('pipeline-new-opportunity-zh');
  await page.getByTestId('opp-save').click();
  await expect(page.getByTestId('opportunity-editor').locator('.ant-drawer-title')).toHaveText('二期扩容');

  const created = (
    await app.call<{ name: string; accountId: string; ownerId: string; amount: number; territoryId: string }[]>('pipeline:list', {
      includeClosed: true,
    })
  ).find((o) => o.name === '二期扩容');
  expect(created).toMatchObject({ accountId: target!.id, ownerId: owner.id, territoryId: target!.territoryId, amount: 12_000_000 });
});

test('scoped to a territory, the account picker searches that territory only', async ({ app, page }) => {
  const { territories } = await app.call<{ territories: { id: string; nameZh: string }[] }>('accounts:lookups', {});
  const accounts = await app.call<{ id: string; name: string; territoryId: string }[]>('accounts:list', {});
  const inside = accounts.find((a) => a.territoryId === territories[0]!.id)!;
  const outside = accounts.find((a) => a.territoryId !== territories[0]!.id)!;

  await app.open('pipeline?tab=board');
  await page.getByTestId('pipeline-scope-territory').click();
  await page.locator('.ant-select-dropdown:visible').getByText(territories[0]!.nameZh, { exact: true }).click();
  await page.getByTestId('add-opportunity').click();
  await page.getByTestId('opp-account').click();
  const input = page.getByTestId('opp-account').locator('input');
  await input.fill(outside.name);
  await expect(page.locator('.ant-select-dropdown:visible')).toContainText('没有名称匹配的客户');
  await input.fill(inside.name);
  await expect(page.getByTestId(`pick-${inside.id}`)).toBeVisible();
});
