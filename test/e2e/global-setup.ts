import { existsSync } from 'node:fs';
import { build } from 'electron-vite';
import { RENDERER_DIR } from './world.js';

/**
 * The suite tests what ships: the renderer as the production build writes it, built fresh so a
 * stale `out/` can never pass for the current code. `BEFRIEND_E2E_PREBUILT=1` skips the build
 * when a pipeline has just run it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.BEFRIEND_E2E_PREBUILT !== '1') await build({ logLevel: 'warn' });
  for (const page of ['index.html', 'quick.html']) {
    if (!existsSync(`${RENDERER_DIR}/${page}`)) {
      throw new Error(`${RENDERER_DIR}/${page} is missing: the build did not write it.`);
    }
  }
}
