import { defineConfig } from '@playwright/test';
import { BROWSER_TIME_ZONE } from './test/e2e/browserZone';

// Debian's Chromium (Playwright cannot download browsers here). Two projects run the same
// specs: through the HTTP server of `npm run web`, and through the test bridge that
// imitates Electron's preload. Both reach the real handlers and a real SQLite file.
const chromium = process.env.SW_CHROMIUM ?? '/usr/bin/chromium';
const launchOptions = {
  executablePath: chromium,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  outputDir: 'test-results/artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { viewport: { width: 1440, height: 900 }, launchOptions, locale: 'zh-CN', timezoneId: BROWSER_TIME_ZONE },
  projects: [
    { name: 'web', use: { transport: 'web' } as never, testIgnore: /electron\.spec\.ts/ },
    {
      name: 'bridge',
      use: { transport: 'bridge' } as never,
      testIgnore: /electron\.spec\.ts|web-security\.spec\.ts|earlyCalls\.spec\.ts|texts\.spec\.ts/,
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ },
  ],
});
