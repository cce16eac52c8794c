import { test, expect } from './fixtures';

// The accounts screen shows its rows before Ant Design loads (src/renderer/components/firstScreen.ts):
// the frame and the grid are React and ag-grid alone, and the toolbar, the header's controls
// and the dialogs come next, into places kept for them.

type First = { gridTop: number; toolbar: boolean; headerTools: boolean; scripts: string[]; styles: string[] };

test('the rows show before Ant Design loads; the toolbar then takes its kept place and the grid does not move', async ({ app, page }) => {
  // Recorded in the page, at the frame that first paints a row (as the bench times it).
  await page.addInitScript(() => {
    const w = window as unknown as { __first?: unknown };
    const seen = new MutationObserver(() => {
      const grid = document.querySelector('[data-testid="accounts-grid"]');
      if (!grid || !document.querySelector('[role="gridcell"][col-id="name"]')) return;
      seen.disconnect();
      requestAnimationFrame(() => {
        w.__first = {
          gridTop: grid.getBoundingClientRect().top,
          toolbar: !!document.querySelector('[data-testid="quick-search"]'),
          headerTools: !!document.querySelector('[data-testid="lang-switch"]'),
          scripts: performance
            .getEntriesByType('resource')
            .map((r) => new URL(r.name).pathname)
            .filter((p) => p.endsWith('.js')),
          styles: [...document.styleSheets].map((s) => (s.href ? new URL(s.href).pathname : '(inline)')),
        };
      });
    });
    seen.observe(document, { subtree: true, childList: true });
  });

  const cases: { locale: 'zh-CN' | 'en'; width: number }[] = [
    { locale: 'zh-CN', width: 1440 },
    { locale: 'en', width: 1440 }, // the English toolbar wraps onto a second line here
    { locale: 'en', width: 1000 },
  ];
  for (const { locale, width } of cases) {
    await app.call('settings:update', { locale });
    await page.setViewportSize({ width, height: 900 });
    await page.goto('about:blank'); // a cold start each time (a hash alone would not reload)
    await app.open('accounts');
    await expect(page.getByTestId('page-title')).toHaveText(locale === 'en' ? 'Accounts' : '客户');
    await expect(page.getByTestId('quick-search')).toBeVisible();
    await expect(page.getByTestId('lang-switch')).toBeVisible();
    const first = (await page.evaluate(() => (window as unknown as { __first?: unknown }).__first)) as First;
    const where = `${locale} at ${width} px`;
    expect(first, where).toBeTruthy();
    // At the first rows: no toolbar or header controls yet, and no Ant Design code or
    // stylesheet fetched.
    expect(first.toolbar, where).toBe(false);
    expect(first.headerTools, where).toBe(false);
    expect(
      first.scripts.some((p) => /\/antd-[^/]*\.js$/.test(p)),
      `${where}: ${first.scripts.join(' ')}`,
    ).toBe(false);
    expect(
      first.scripts.some((p) => /\/grid-[^/]*\.js$/.test(p)),
      where,
    ).toBe(true);
    // The toolbar came into the place kept for it: the grid is where it was.
    const now = await page.getByTestId('accounts-grid').evaluate((el) => el.getBoundingClientRect().top);
    expect(now, where).toBe(first.gridTop);
    if (locale === 'en' && width === 1000) await app.screenshot('accounts-narrow-en');
  }
  // And it works: a search narrows the rows.
  await page.getByTestId('quick-search').locator('input').fill('上海中华能源');
  await expect(page.getByTestId('row-count')).toContainText('1 account');
});
