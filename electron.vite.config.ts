import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // electron-store and conf are ESM-only and small: inline them so main needs no runtime
      // resolution of them; the core's own dependencies stay external (packaged node_modules).
      externalizeDeps: { exclude: ['electron-store', 'conf'] },
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
        output: { format: 'es' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload cannot require anything but a few Electron modules: everything it
      // imports goes into one CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      // electron-vite leaves the renderer unminified; minified, both windows fit their size budgets.
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'renderer/index.html'),
          quick: resolve(root, 'renderer/quick.html'),
        },
      },
    },
  },
});
