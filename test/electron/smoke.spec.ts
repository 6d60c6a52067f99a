/**
 * Launches the built app in the real Electron binary (Playwright's `_electron`), with a fresh
 * data directory: a first launch starts the sandbox and adds its account, and `--quick-follow`
 * opens the quick-follow window, where following @dougw goes through the preload, main's IPC
 * and the client to the in-process sandbox. Skipped, with the reason printed, where the
 * Electron binary is not installed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const root = resolve(import.meta.dirname, '..', '..');

function electronBinary(): { path: string } | { missing: string } {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'the Electron binary is not installed (run `npx install-electron`)' };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `the Electron binary is missing at ${binary}` };
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) return { missing: 'the app is not built (run `npx electron-vite build`)' };
  return { path: binary };
}

const binary = electronBinary();
if ('missing' in binary) console.log(`Electron smoke test skipped: ${binary.missing}.`);

test.describe('the desktop app', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  let app: ElectronApplication;
  let home: string;

  test.beforeEach(async () => {
    if (!('path' in binary)) return;
    home = await mkdtemp(join(tmpdir(), 'befriend-smoke-'));
    app = await electron.launch({
      executablePath: binary.path,
      args: [root, '--quick-follow'],
      cwd: root,
      env: {
        ...process.env,
        // A fresh profile: the settings file and history live under these on Linux and Windows.
        XDG_CONFIG_HOME: join(home, 'config'),
        APPDATA: join(home, 'appdata'),
        ELECTRON_ENABLE_LOGGING: '1',
      },
    });
  });

  test.afterEach(async () => {
    await app?.close();
    if (home) await rm(home, { recursive: true, force: true });
  });

  async function quickWindow(): Promise<Page> {
    const find = () => app.windows().find((w) => w.url().endsWith('/quick.html'));
    await expect.poll(() => find() !== undefined).toBe(true);
    return find()!;
  }

  test('launches sandboxed and quick-follows @dougw against the sandbox', async () => {
    const quick = await quickWindow();
    expect(quick.url()).toBe('app://befriend/quick.html');

    const isolated = await quick.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      api: Object.keys((globalThis as unknown as { befriend: object }).befriend).length,
    }));
    expect(isolated).toEqual({ require: 'undefined', process: 'undefined', api: expect.any(Number) });

    await expect(quick.getByText(/as Sandbox/)).toBeVisible();
    await quick.getByLabel('Follow whom?').fill('@dougw');
    await quick.keyboard.press('Enter');
    await expect(quick.locator('[data-outcome="followed"]')).toContainText('Now following @dougw');

    const history = await quick.evaluate(() =>
      (globalThis as unknown as { befriend: { listHistory(r: object): Promise<unknown> } }).befriend.listHistory({ limit: 1 }),
    );
    expect(history).toMatchObject({ ok: true, entries: [{ outcome: 'followed', user: { screenName: 'dougw' } }] });

    await quick.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
    });
    await quick.waitForTimeout(300);
    expect(quick.url()).toBe('app://befriend/quick.html');
  });
});
