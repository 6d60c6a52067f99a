/**
 * Which Chromium the end-to-end tests drive: the one named by `BEFRIEND_CHROMIUM`, else a system
 * Chromium or Chrome (on the PATH, then where macOS and Windows install them), else Playwright's
 * own download. A system browser comes first because CI installs Debian's and cannot download.
 */
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import { chromium } from '@playwright/test';

export interface ChromiumSearch {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  exists(path: string): boolean;
  /** Where Playwright's own Chromium is, installed or not; null when it cannot say. */
  playwrightPath(): string | null;
}

export type ChromiumFound =
  | { ok: true; path: string; from: 'BEFRIEND_CHROMIUM' | 'PATH' | 'installed' | 'Playwright' }
  | { ok: false; message: string };

const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const HOW_TO_GET_ONE =
  'No Chromium for the end-to-end tests: install Chromium or Google Chrome (Debian/Ubuntu: ' +
  '`sudo apt-get install chromium`; macOS: `brew install --cask chromium`; Windows: install Google ' +
  'Chrome), or run `npx playwright install chromium`, or set BEFRIEND_CHROMIUM to a browser executable.';

function installedPaths(search: ChromiumSearch): string[] {
  if (search.platform === 'darwin') {
    return ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];
  }
  if (search.platform === 'win32') {
    const roots = [search.env.LOCALAPPDATA, search.env.PROGRAMFILES, search.env['PROGRAMFILES(X86)']].filter(
      (root): root is string => Boolean(root),
    );
    return roots.flatMap((root) => [
      win32.join(root, 'Chromium', 'Application', 'chrome.exe'),
      win32.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  return [];
}

function onPath(search: ChromiumSearch): string | null {
  const windows = search.platform === 'win32';
  const path = windows ? win32 : posix;
  const dirs = (search.env.PATH ?? search.env.Path ?? '').split(path.delimiter).filter(Boolean);
  const names = windows ? [...PATH_NAMES, 'chrome'].map((name) => `${name}.exe`) : PATH_NAMES;
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      if (search.exists(candidate)) return candidate;
    }
  }
  return null;
}

export function findChromium(search: ChromiumSearch): ChromiumFound {
  const named = search.env.BEFRIEND_CHROMIUM;
  if (named) {
    return search.exists(named)
      ? { ok: true, path: named, from: 'BEFRIEND_CHROMIUM' }
      : { ok: false, message: `BEFRIEND_CHROMIUM is ${named}, which does not exist.` };
  }
  const system = onPath(search);
  if (system) return { ok: true, path: system, from: 'PATH' };
  const installed = installedPaths(search).find((path) => search.exists(path));
  if (installed) return { ok: true, path: installed, from: 'installed' };
  const own = search.playwrightPath();
  if (own && search.exists(own)) return { ok: true, path: own, from: 'Playwright' };
  return { ok: false, message: HOW_TO_GET_ONE };
}

/** This machine's answer. */
export function findLocalChromium(): ChromiumFound {
  return findChromium({
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    playwrightPath: () => {
      try {
        return chromium.executablePath();
      } catch {
        return null;
      }
    },
  });
}
