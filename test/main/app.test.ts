/**
 * The whole main process, started the way Electron starts it, with every Electron module faked
 * (typed against Electron's own declarations) and everything else real: electron-store on disk,
 * the client, and the in-process sandbox that a first launch starts.
 */
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';
import type ElectronStore from 'electron-store';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, ipcChannel } from '../../electron/shared/contract.js';
import { fakeElectronMain, type FakeApp } from './electron-app.js';
import { FakeBrowserWindow, FakeNotification, FakeTray, fakeEvent, fakeInvokeEvent } from './electron-fakes.js';

const fakes = vi.hoisted(() => ({}) as Record<string, unknown>);

vi.mock('electron', () => {
  const module = fakes;
  return { ...module, default: module };
});

/**
 * electron-store is loaded outside Vite's pipeline (a dependency), so its own `import 'electron'`
 * cannot be mocked; this stand-in does what electron-store 11 does on top of conf: the file in
 * the app's userData, the app's version as the migration version, `name` as the file name.
 */
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  class ElectronStoreStandIn<T extends Record<string, unknown>> extends Conf<T> {
    constructor(options: ConstructorParameters<typeof ElectronStore<T>>[0] = {}) {
      const { name, ...rest } = options;
      const electron = fakes.app as FakeApp;
      super({ ...rest, configName: name ?? 'config', cwd: electron.getPath('userData'), projectVersion: electron.getVersion() });
    }
  }
  return { default: ElectronStoreStandIn };
});

const electron = fakeElectronMain();
const { app, ipcMain, globalShortcut, sessionHandlers, privileged, protocolHandlers } = electron;
Object.assign(fakes, electron.module);

let appData: string;
let userData: string;
const originalArgv = process.argv;

beforeAll(async () => {
  appData = await mkdtemp(join(tmpdir(), 'befriend-app-'));
  userData = join(appData, 'Befriend');
  app.paths.set('appData', appData);
  process.argv = [originalArgv[0]!, 'befriend', 'befriend://follow/dougw'];
  const { startApp } = await import('../../electron/main/app.js');
  startApp();
  expect(privileged).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true } }]]);
  app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.instances.length).toBeGreaterThan(0), { timeout: 50_000 });
});

afterAll(async () => {
  process.argv = originalArgv;
  app.emit('will-quit', fakeEvent());
  await new Promise((resolve) => setTimeout(resolve, 50));
  await rm(appData, { recursive: true, force: true });
});

function mainWindow(): FakeBrowserWindow {
  return FakeBrowserWindow.instances[0]!;
}

describe('a first launch', () => {
  it('opens the main window through app:// with locked-down preferences', () => {
    expect(mainWindow().loadedUrl).toBe('app://befriend/index.html');
    expect(mainWindow().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(mainWindow().options.webPreferences?.preload).toMatch(/preload[\\/]index\.cjs$/);
  });

  it('keeps its data in <appData>/Befriend', () => {
    expect(app.getPath('userData')).toBe(userData);
  });

  it('starts the sandbox and adds its demo account, active, so nothing needs setting up', async () => {
    const file = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'));
    expect(file.firstRunDone).toBe(true);
    expect(file.accounts).toHaveLength(1);
    expect(file.accounts[0]).toMatchObject({ sandbox: true, username: 'demo' });
    expect(file.activeAccountId).toBe(file.accounts[0].id);
  });

  it('registers the befriend:// scheme, the tray with its menu, and the default shortcut', () => {
    expect(app.protocolClients).toEqual(['befriend']);
    expect(FakeTray.instances).toHaveLength(1);
    expect(FakeTray.instances[0]!.menu?.template.map((i) => i.label)).toContain('Quick follow…');
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+F']);
  });

  it('hardens the session and serves pages with the CSP', async () => {
    const answers: boolean[] = [];
    sessionHandlers().requestHandler!({} as Electron.WebContents, 'media', (granted) => answers.push(granted), {} as Electron.PermissionRequest);
    expect(answers).toEqual([false]);
    const response = await protocolHandlers.get('app')!(new Request('app://befriend/../../package.json'));
    expect(response.status).toBe(404);
  });

  it('hardens every web contents created', () => {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler(h: unknown): void; handler?: unknown };
    contents.setWindowOpenHandler = (handler) => {
      contents.handler = handler;
    };
    app.emit('web-contents-created', fakeEvent(), contents);
    const navigation = fakeEvent();
    contents.emit('will-navigate', navigation);
    expect(navigation.defaultPrevented).toBe(true);
    expect((contents.handler as () => unknown)()).toEqual({ action: 'deny' });
  });

  it('shows the profile from the launch link once the page has loaded', () => {
    mainWindow().webContents.emit('did-finish-load');
    expect(mainWindow().webContents.sent).toContainEqual([
      'befriend:event:openProfile',
      { target: '@dougw', accountId: null, intent: 'follow', source: 'deep-link' },
    ]);
  });
});

describe('IPC through the registered handlers', () => {
  it('has a handler for every channel', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
  });

  it('follows @dougw from the main window, against the sandbox', async () => {
    const follow = ipcMain.handlers.get(ipcChannel('follow'))!;
    const result = await follow(fakeInvokeEvent(mainWindow().webContents.id, 'app://befriend/index.html'), { target: '@dougw' });
    expect(result).toMatchObject({ ok: true, user: { screenName: 'dougw' } });
    await vi.waitFor(() => expect(FakeTray.instances[0]!.menu?.template.map((i) => i.label)).toContain('@dougw — Doug Williams'));
  });

  it('answers a second follow of @dougw in that one IPC call, with the person the card shows', async () => {
    const follow = ipcMain.handlers.get(ipcChannel('follow'))!;
    const result = await follow(fakeInvokeEvent(mainWindow().webContents.id, 'app://befriend/index.html'), { target: '@dougw' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'already_following' }, user: { screenName: 'dougw', name: 'Doug Williams' } });
  });

  it('writes the follows to <userData>/history.jsonl, one line each', async () => {
    await vi.waitFor(async () => {
      const lines = (await readFile(join(userData, 'history.jsonl'), 'utf8')).trim().split('\n');
      expect(lines.map((line) => JSON.parse(line).outcome)).toEqual(['followed', 'already_following']);
    });
  });

  it('refuses the same call from another origin', async () => {
    const follow = ipcMain.handlers.get(ipcChannel('follow'))!;
    const result = await follow(fakeInvokeEvent(mainWindow().webContents.id, 'https://evil.example/'), { target: '@dougwfan' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
  });

  it('opens quick-follow from the shortcut; a follow there notifies', async () => {
    globalShortcut.registered.get('CommandOrControl+Alt+F')!();
    const quick = FakeBrowserWindow.instances.find((w) => w.loadedUrl === 'app://befriend/quick.html')!;
    expect(quick.options).toMatchObject({ frame: false, alwaysOnTop: true });
    const follow = ipcMain.handlers.get(ipcChannel('follow'))!;
    const result = await follow(fakeInvokeEvent(quick.webContents.id, 'app://befriend/quick.html'), { target: '@dougwfan' });
    expect(result).toMatchObject({ ok: true });
    expect(FakeNotification.shown.map((n) => n.title)).toEqual(['Now following @dougwfan']);
  });
});

describe('a second launch and quitting', () => {
  it('a second instance with a link brings the window forward and offers the profile', () => {
    mainWindow().hide();
    app.emit('second-instance', fakeEvent(), ['befriend', 'befriend://follow/101010'], '/');
    expect(mainWindow().visible).toBe(true);
    expect(mainWindow().webContents.sent).toContainEqual([
      'befriend:event:openProfile',
      { target: '@101010', accountId: null, intent: 'follow', source: 'deep-link' },
    ]);
  });

  it('`befriend --quick-follow` from a second launch opens quick-follow (for desktops without global shortcuts)', () => {
    const before = FakeBrowserWindow.instances.filter((w) => w.loadedUrl === 'app://befriend/quick.html' && !w.isDestroyed()).length;
    app.emit('second-instance', fakeEvent(), ['befriend', '--quick-follow'], '/');
    const open = FakeBrowserWindow.instances.filter((w) => w.loadedUrl === 'app://befriend/quick.html' && !w.isDestroyed());
    expect(open.length).toBe(Math.max(before, 1));
    expect(open.at(-1)!.focused).toBe(true);
  });

  it('releases every global shortcut on quit', () => {
    app.emit('will-quit', fakeEvent());
    expect(globalShortcut.registered.size).toBe(0);
  });
});
