import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { earlyCallsOf } from '../../src/renderer/app/earlyCalls';

// Opening the app on an area, the page's entry asks at once for what the area's page asks
// first (src/renderer/app/earlyCalls.ts). Each such call must be one the page really makes
// (seen when the page mounts again later, without early calls) and must be asked only once
// on the cold open: asked twice, the page's input differed and the early answer was wasted.
// It counts the web transport's HTTP requests (the bridge project leaves it out).

const ROUTES: { route: string; content: string }[] = [
  { route: 'pareto', content: '[data-testid="pareto-chart"] [data-drawn-at]' },
  { route: 'pipeline?tab=board', content: '[data-testid="pipeline-board"] .ant-card' },
  { route: 'pipeline?tab=review', content: '[data-testid="bridge-chart"][data-drawn-at]' },
  { route: 'negotiation', content: '[data-testid="worksheet-list"]' },
  { route: 'training', content: '[data-testid="training-over-time"][data-drawn-at]' },
  { route: 'receivables?tab=aging', content: '[data-testid="aging-chart"][data-drawn-at]' },
  { route: 'reports', content: '[data-testid="forecast-chart"][data-drawn-at]' },
];

/** The channels the page asks for over HTTP from now on, with how often. */
function recordCalls(page: Page): Map<string, number> {
  const asked = new Map<string, number>();
  page.on('request', (r) => {
    const m = /\/api\/([^/?]+)$/.exec(new URL(r.url()).pathname);
    if (m) asked.set(decodeURIComponent(m[1]!), (asked.get(decodeURIComponent(m[1]!)) ?? 0) + 1);
  });
  return asked;
}

for (const { route, content } of ROUTES) {
  test(`opened on ${route}, the page takes the answers asked for at start`, async ({ page, app }) => {
    const [area, query = ''] = route.split('?');
    const early = earlyCallsOf(area!, new URLSearchParams(query)).map(([channel]) => channel);
    expect(early.length).toBeGreaterThan(0);

    const cold = recordCalls(page);
    await app.open(route);
    await expect(page.locator(content).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    for (const channel of early) expect(cold.get(channel), `${channel} on the cold open`).toBe(1);

    // The page mounted again (from another area): what it asks for by itself.
    await page.getByTestId('nav-accounts').click();
    await expect(page.locator('[role="gridcell"][col-id="name"]').first()).toBeVisible();
    const warm = recordCalls(page);
    await page.evaluate((h) => (location.hash = h), `#/${route}`);
    await expect(page.locator(content).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    for (const channel of early) expect(warm.get(channel) ?? 0, `${channel} asked by the page itself`).toBeGreaterThan(0);
  });
}

test('the weekly review is asked once when the list arrives after it (a slow list)', async ({ page, app }) => {
  // The list's answer held back: the review mounts with the lookups and asks, then the list
  // arrives. Loading the list must not make the review ask a second time.
  await page.route(
    (url) => url.pathname === '/api/pipeline%3Alist',
    async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    },
  );
  const cold = recordCalls(page);
  await app.open('pipeline?tab=review');
  await expect(page.locator('[data-testid="bridge-chart"][data-drawn-at]')).toBeVisible();
  await expect.poll(() => cold.get('pipeline:list')).toBe(1);
  await page.waitForLoadState('networkidle');
  expect(cold.get('pipeline:review')).toBe(1);
  expect(cold.get('pipeline:funnel') ?? 0).toBe(0);
});
