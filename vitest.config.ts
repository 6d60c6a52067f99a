import { defineConfig } from 'vitest/config';

/** One run, two kinds of test: plain Node (core, main, CLI) and the renderer's components (TSX). */
export default defineConfig({
  test: {
    // Budgets for a loaded 2-core machine; a test waits for events, never for these.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 20_000 } },
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 20_000 } },
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          // Each file opts into jsdom with a `// @vitest-environment jsdom` comment.
          environment: 'node',
          setupFiles: ['@testing-library/jest-dom/vitest', './test/renderer/setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});
