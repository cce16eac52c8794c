import XLSX from 'xlsx';
import { test, expect, type Page } from './fixtures';

// A trainer prepares a class of two vendor teams and one customer team, enters the secret
// priorities and the outcomes, projects the countdown and the leaderboard, opens the
// debrief and exports the results.

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).click();
}

async function radio(page: Page, testId: string, value: number) {
  await page
    .getByTestId(testId)
    .locator('.ant-radio-button-wrapper', { hasText: new RegExp(`^${value}$`) })
    .click();
}

const VENDOR = { price: 2, payment: 1, service: 3, delivery: 4 };
const CUSTOMER = { price: 1, payment: 4, service: 3, delivery: 2 };

test('a trainer scores a class: priorities, outcomes, room view, leaderboard, debrief, export', async ({ app, page }) => {
  test.setTimeout(240_000); // ~60 edits, each a save and a re-score; slow on a shared 2-core machine
  await app.open('training');
  // The demo book holds two earlier classes to compare with.
  await expect(page.getByText('大客户销售训练营 · 第二期')).toBeVisible();
  await expect(page.getByTestId('training-over-time').locator('canvas')).toBeVisible();
  await app.screenshot('training-list');
  // At a laptop's width a class's name stays on one line (the figures' headers wrap instead).
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1366, height: 768 });
  const name = page.getByTestId('training-row-大客户销售训练营 · 第二期').locator('a');
  const lineHeight = await name.evaluate((a) => parseFloat(getComputedStyle(a).lineHeight));
  expect((await name.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
  await app.screenshot('training-list-1366');
  await page.setViewportSize(viewport);
  await page.getByTestId('training-new').click();
  await page.getByTestId('training-new-name').fill('第三期 · 测试班');
  await page.getByTestId('training-create').click();
  await expect(page.getByTestId('session-name')).toHaveValue('第三期 · 测试班');

  // Teams: two vendors, one customer.
  for (const [name, side] of [
    ['厂家一组', '厂家'],
    ['厂家二组', '厂家'],
    ['客户组', '客户'],
  ] as const) {
    await page.getByTestId('team-name').fill(name);
    await pick(page, 'team-side', side);
    await page.getByTestId('team-add').click();
    await expect(page.getByTestId(`priorities-hidden-${name}`)).toBeVisible();
  }
  // Priorities are hidden until the trainer chooses to show them.
  await page.getByTestId('show-priorities').click();
  for (const [team, order] of [
    ['厂家一组', VENDOR],
    ['厂家二组', VENDOR],
    ['客户组', CUSTOMER],
  ] as const) {
    for (const [issue, p] of Object.entries(order)) await radio(page, `priorities-${team}-${issue}`, p);
    await page.getByTestId(`priorities-save-${team}`).click();
    await expect(page.getByTestId(`priorities-save-${team}`)).toBeDisabled();
  }
  // 厂家一组 guesses the customer's order half right (price and delivery).
  for (const [issue, p] of Object.entries({ price: 1, payment: 3, service: 4, delivery: 2 }))
    await radio(page, `guesses-厂家一组-${issue}`, p);
  await page.getByTestId('guesses-save-厂家一组').click();
  await expect(page.getByTestId('guesses-save-厂家一组')).toBeDisabled();
  await app.screenshot('training-editor-teams');
  await page.getByTestId('show-priorities').click();
  await expect(page.getByTestId('priorities-hidden-客户组')).toBeVisible();

  await page.getByTestId('tab-setup').click();
  // Level 5 of price: the highest price for the vendor, the lowest for the customer.
  await expect(page.getByTestId('issue-price').locator('input').nth(1)).toHaveValue('310万元');
  await expect(page.getByTestId('issue-price').locator('input').nth(2)).toHaveValue('188万元');
  await app.screenshot('training-editor-setup');

  // Round 1: both vendors face the customer.
  await page.getByTestId('tab-rounds').click();
  await pick(page, 'pairing-vendor-1', '厂家一组');
  await pick(page, 'pairing-customer-1', '客户组');
  await page.getByTestId('pairing-add-1').click();
  await expect(page.getByTestId('pairing-1-A')).toBeVisible();
  await pick(page, 'pairing-vendor-1', '厂家二组');
  await pick(page, 'pairing-customer-1', '客户组');
  await page.getByTestId('pairing-add-1').click();
  await expect(page.getByTestId('pairing-1-B')).toBeVisible();

  // Table A trades: price agreed as a term (250万元 = level 3 for both), payment to the
  // vendor, delivery to the customer. Table B splits everything at level 3.
  await pick(page, 'term-1-A-price', '250万元  (3 / 3)');
  await radio(page, 'vlevel-1-A-payment', 5);
  await radio(page, 'vlevel-1-A-service', 3);
  await radio(page, 'vlevel-1-A-delivery', 1);
  await expect(page.getByTestId('clevel-1-A-delivery').locator('.ant-radio-button-wrapper-checked')).toHaveText('5');
  await page.getByTestId('signed-1-A').click();
  await expect(page.getByTestId('pairing-score-1-A')).toContainText('36 : 34');
  for (const issue of ['price', 'payment', 'service', 'delivery']) await radio(page, `vlevel-1-B-${issue}`, 3);
  await page.getByTestId('signed-1-B').click();
  await expect(page.getByTestId('pairing-score-1-B')).toContainText('30 : 30');
  await app.screenshot('training-editor-rounds');

  // The trainer's notes, shown in the debrief.
  const sessionId = new URL(page.url()).hash.match(/id=([0-9a-f-]+)/)![1]!;
  await page.getByTestId('tab-notes').click();
  await page.getByTestId('trainer-notes').fill('A 桌用付款换到货时间：双方都多得。');
  await page.getByTestId('tab-rounds').click();
  await expect
    .poll(
      async () => (await app.call<{ session: { trainerNotes: string | null } }>('training:get', { id: sessionId })).session.trainerNotes,
    )
    .toBe('A 桌用付款换到货时间：双方都多得。');

  // Export: one sheet per round plus a summary.
  const file = await app.saveFile(() => page.getByTestId('training-export').click());
  const wb = XLSX.readFile(file);
  expect(wb.SheetNames).toEqual(['汇总', '谈判结果', '第1轮']);
  const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['汇总']!, { header: 1, defval: null });
  const header = summary.findIndex((r) => r[0] === '名次');
  expect(summary.slice(header, header + 4)).toEqual([
    ['名次', '小组', '角色', '总分', '双方合计', '猜中率', '谈判桌数'],
    [1, '厂家一组', '厂家', 36, 70, 0.5, 1],
    [2, '厂家二组', '厂家', 30, 60, null, 1],
    [1, '客户组', '客户', 64, 130, null, 2],
  ]);

  // The room view: a full-screen countdown per round.
  await page.getByTestId('open-room').click();
  await expect(page.getByTestId('room-view')).toBeVisible();
  await expect(page.getByTestId('countdown-digits')).toHaveText('30:00');
  await app.screenshot('training-room-countdown');
  await page.getByTestId('countdown-start').click();
  await expect(page.getByTestId('countdown-digits')).not.toHaveText('30:00');
  await page.getByTestId('countdown-pause').click();
  const paused = await page.getByTestId('countdown-digits').textContent();
  await expect(page.getByTestId('countdown-digits')).toHaveText(paused ?? '');
  await page.getByTestId('countdown-reset').click();
  await expect(page.getByTestId('countdown-digits')).toHaveText('30:00');

  // The leaderboard: ranks by side, joint scores, guess accuracy.
  await page.getByTestId('room-tab-leaderboard').click();
  await expect(page.getByTestId('rank-row-厂家一组')).toContainText('1厂家一组367050%');
  await expect(page.getByTestId('rank-row-厂家二组')).toContainText('2厂家二组3060');
  await expect(page.getByTestId('rank-row-客户组')).toContainText('1客户组64130');
  await expect(page.getByTestId('leaderboard-teams-chart').locator('canvas')).toBeVisible();
  await app.screenshot('training-leaderboard');

  // The scoring matrix on screen.
  await page.getByTestId('room-tab-matrix').click();
  await expect(page.getByTestId('matrix-1-5')).toHaveText('20');
  await expect(page.getByTestId('matrix-4-1')).toHaveText('1');

  // What was possible and the debrief stay hidden until the trainer opens the debrief.
  await page.getByTestId('room-tab-possible').click();
  await expect(page.getByTestId('hidden-until-debrief')).toBeVisible();
  await page.getByTestId('open-debrief').click();
  await expect(page.getByTestId('possible-chart').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('possible-row-1-A')).toContainText('70');
  await expect(page.getByTestId('possible-row-1-B')).toContainText('601212'); // joint 60, 12 left, 12 short of 72
  await app.screenshot('training-possible');
  await page.getByTestId('room-tab-debrief').click();
  await expect(page.getByTestId('debrief-table')).toContainText('付款');
  await expect(page.getByTestId('debrief-notes')).toContainText('双方都多得');
  await app.screenshot('training-debrief');

  // The same leaderboard in English.
  await page.getByTestId('room-tab-leaderboard').click();
  await page.getByTestId('room-view').getByText('EN', { exact: true }).click();
  await expect(page.getByTestId('leaderboard-vendor')).toContainText('Vendor teams');
  await app.screenshot('training-leaderboard-en');
  await page.getByTestId('room-exit').click();
  await expect(page.getByTestId('session-name')).toBeVisible();
});

test('a class prepared in Excel: the template imports; a malformed workbook lists every bad cell', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.open('training');
  const template = await app.saveFile(() => page.getByTestId('training-template').click());
  expect(XLSX.readFile(template).SheetNames).toEqual(['Teams', 'Priorities', 'Pairings', 'Outcomes', 'Guesses']);

  await app.chooseFile(template, () => page.getByTestId('training-import').click());
  await expect(page.getByTestId('session-name')).toBeVisible();
  await page.getByTestId('tab-rounds').click();
  // The template's tables A and B sign with every issue at level 3; C breaks off.
  await expect(page.getByTestId('pairing-score-1-A')).toContainText('30 : 30');
  await expect(page.getByTestId('pairing-score-1-C')).toContainText('0 : 0');

  const wb = XLSX.readFile(template);
  wb.Sheets.Teams!.B3 = { t: 's', v: 'seller' };
  const bad = `${app.dir}/bad-class.xlsx`;
  XLSX.writeFile(wb, bad);
  await page.getByTestId('training-back').click();
  await app.chooseFile(bad, () => page.getByTestId('training-import').click());
  const errors = page.getByTestId('training-import-errors');
  await expect(errors).toContainText('seller');
  await expect(errors).toContainText('Side must be vendor or customer');
  // Wait for the dialog's opening animation to finish before the screenshot.
  await expect
    .poll(() =>
      page
        .locator('.ant-modal')
        .last()
        .evaluate((el) => getComputedStyle(el).opacity),
    )
    .toBe('1');
  await app.screenshot('training-import-errors');
});
