import { test, expect } from './fixtures';

// `npm run web` in the browser, with the real built renderer: the printed URL opens the app
// once, the token leaves the address bar and history at once, the page keeps working (and
// survives a reload) by sending the token in its header, and the same URL in another
// browser profile is refused. (Web project only: the bridge has no HTTP API.)

test('the printed URL opens the app once; the token leaves the address bar; the page works through its header', async ({
  app,
  page,
  browser,
}) => {
  await app.open('accounts');
  await expect(page.getByTestId('row-count')).toContainText('共 400 个客户');
  expect(page.url()).not.toContain('token');
  expect(page.url()).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${app.web.port}/#/accounts$`));

  // The grid's rows came through the API (header token only); a reload keeps the session:
  // the cookie serves the page again, sessionStorage still holds the token.
  await page.reload();
  await expect(page.getByTestId('row-count')).toContainText('共 400 个客户');
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([[`sw-page-${app.web.port}`, true, 'Strict']]);
  expect(cookies[0]!.value).not.toBe(app.web.token);

  // Another browser profile with the same URL: refused, the launch was spent.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  const res = await stranger.goto(app.web.url);
  expect(res?.status()).toBe(401);
  await other.close();
  await app.screenshot('web-after-launch');
});
