import { defineConfig } from '@playwright/test';
import { findLocalChromium } from './test/e2e/chromium.js';

const browser = findLocalChromium();
if (!browser.ok) {
  console.error(browser.message);
  process.exit(1);
}

/**
 * End-to-end tests of the built renderer in a Chromium found by `test/e2e/chromium.ts`: the
 * preload API is replaced by Playwright bindings to main's real IPC handlers, which talk to a
 * real sandbox server. The global setup builds the app first (electron-vite).
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Budgets for a loaded 2-core machine: a test that passes in 10 s alone can take several times
  // that when every core is busy. Nothing waits for these unless something is wrong.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    browserName: 'chromium',
    viewport: { width: 820, height: 720 },
    locale: 'en-US',
    timezoneId: 'UTC',
    launchOptions: {
      executablePath: browser.path,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
