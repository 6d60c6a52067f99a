import { defineConfig } from '@playwright/test';

/**
 * The desktop smoke test: the real Electron binary running the built app (`electron-vite build`
 * first). Where the binary is missing the test is skipped and says why.
 */
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/electron',
});
