import { describe, expect, it } from 'vitest';
import { findChromium, HOW_TO_GET_ONE, type ChromiumSearch } from '../e2e/chromium.js';

function machine(files: string[], overrides: Partial<ChromiumSearch> = {}): ChromiumSearch {
  const present = new Set(files);
  return {
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    exists: (path) => present.has(path),
    playwrightPath: () => '/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome',
    ...overrides,
  };
}

const OWN = '/home/me/.cache/ms-playwright/chromium-1/chrome-linux/chrome';

describe('findChromium', () => {
  it('takes BEFRIEND_CHROMIUM before anything else', () => {
    const found = findChromium(machine(['/opt/c/chrome', '/usr/bin/chromium', OWN], { env: { PATH: '/usr/bin', BEFRIEND_CHROMIUM: '/opt/c/chrome' } }));
    expect(found).toEqual({ ok: true, path: '/opt/c/chrome', from: 'BEFRIEND_CHROMIUM' });
  });

  it('says so when BEFRIEND_CHROMIUM names nothing, rather than quietly using another browser', () => {
    const found = findChromium(machine(['/usr/bin/chromium'], { env: { PATH: '/usr/bin', BEFRIEND_CHROMIUM: '/nowhere/chrome' } }));
    expect(found).toEqual({ ok: false, message: 'BEFRIEND_CHROMIUM is /nowhere/chrome, which does not exist.' });
  });

  it('then a browser on the PATH, in name order: chromium, chromium-browser, google-chrome, google-chrome-stable', () => {
    expect(findChromium(machine(['/usr/bin/google-chrome', '/usr/local/bin/chromium-browser', OWN]))).toEqual({
      ok: true,
      path: '/usr/local/bin/chromium-browser',
      from: 'PATH',
    });
    expect(findChromium(machine(['/usr/bin/google-chrome-stable', OWN]))).toMatchObject({ path: '/usr/bin/google-chrome-stable' });
    expect(findChromium(machine(['/usr/bin/chromium', '/usr/local/bin/google-chrome']))).toMatchObject({ path: '/usr/bin/chromium' });
  });

  it('then where macOS installs Chromium or Chrome', () => {
    const found = findChromium(
      machine(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', OWN], { platform: 'darwin' }),
    );
    expect(found).toEqual({ ok: true, path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', from: 'installed' });
  });

  it('on Windows: chrome.exe on the Path, then under Program Files', () => {
    const env = { Path: 'C:\\Windows;C:\\Tools', PROGRAMFILES: 'C:\\Program Files' };
    expect(findChromium(machine(['C:\\Tools\\chrome.exe'], { platform: 'win32', env }))).toEqual({
      ok: true,
      path: 'C:\\Tools\\chrome.exe',
      from: 'PATH',
    });
    expect(findChromium(machine(['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'], { platform: 'win32', env }))).toEqual({
      ok: true,
      path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      from: 'installed',
    });
  });

  it("then Playwright's own Chromium, only when it has been installed", () => {
    expect(findChromium(machine([OWN]))).toEqual({ ok: true, path: OWN, from: 'Playwright' });
    expect(findChromium(machine([]))).toEqual({ ok: false, message: HOW_TO_GET_ONE });
    expect(findChromium(machine([], { playwrightPath: () => null }))).toEqual({ ok: false, message: HOW_TO_GET_ONE });
  });

  it('when there is none, one line says how to get one on each system', () => {
    expect(HOW_TO_GET_ONE).not.toContain('\n');
    for (const way of ['apt-get install chromium', 'brew install', 'Windows', 'npx playwright install chromium', 'BEFRIEND_CHROMIUM']) {
      expect(HOW_TO_GET_ONE).toContain(way);
    }
  });
});
