import type { App } from 'electron';
import { resolve } from 'node:path';
import { DEEP_LINK_SCHEME } from './deep-links.js';

/**
 * Registers Befriend as the handler of `befriend://` links. When run unpackaged
 * (`electron .` through electron-vite), the OS must start Electron with our entry script.
 */
export function registerProtocolClient(
  app: Pick<App, 'setAsDefaultProtocolClient'>,
  process: { defaultApp?: boolean; execPath: string; argv: readonly string[] },
): boolean {
  if (process.defaultApp && process.argv.length >= 2) {
    return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1]!)]);
  }
  return app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
}
