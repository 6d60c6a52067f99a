import { defineConfig } from 'vitest/config';

/** One run, two kinds of test: plain Node (core, main, CLI) and the renderer's components (TSX). */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          // Each file opts into jsdom with a `// @vitest-environment jsdom` comment.
          environment: 'node',
          setupFiles: ['@testing-library/jest-dom/vitest'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
