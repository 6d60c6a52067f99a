import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeEvent } from './electron-fakes.js';
import { resetElectron } from './electron-module.js';

vi.mock('electron', async () => (await import('./electron-module.js')).electronModule);

const { WindowManager, mainWindowOptions, quickWindowOptions } = await import('../../electron/main/windows.js');

const SECURE = {
  preload: '/app/out/preload/index.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
};

function manager(options: { saved?: { x: number; y: number } | null; visible?: boolean; hideOnClose?: boolean } = {}) {
  const saved: { x: number; y: number }[] = [];
  const windows = new WindowManager({
    preload: '/app/out/preload/index.cjs',
    devTools: false,
    pageUrl: (page) => `app://befriend/${page}.html`,
    quickPosition: {
      load: () => options.saved ?? null,
      save: (p) => saved.push(p),
      isVisible: () => options.visible ?? true,
    },
    hideMainOnClose: () => options.hideOnClose ?? false,
  });
  return { windows, saved };
}

beforeEach(() => resetElectron());

describe('window options', () => {
  it('every window is sandboxed, isolated, without Node, webviews or devtools in production', () => {
    expect(mainWindowOptions('/app/out/preload/index.cjs', false).webPreferences).toMatchObject({ ...SECURE, devTools: false });
    expect(quickWindowOptions('/app/out/preload/index.cjs', false, null).webPreferences).toMatchObject(SECURE);
  });

  it('quick-follow is small, frameless, always on top, out of the taskbar', () => {
    const options = quickWindowOptions('/p', false, { x: 10, y: 20 });
    expect(options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, resizable: false, x: 10, y: 20, show: false });
    expect(quickWindowOptions('/p', false, null)).toMatchObject({ center: true });
  });
});

describe('WindowManager', () => {
  it('loads our pages through app://, each shown once ready', () => {
    const { windows } = manager();
    windows.showMain();
    windows.showQuick();
    expect(FakeBrowserWindow.instances.map((w) => w.loadedUrl)).toEqual(['app://befriend/index.html', 'app://befriend/quick.html']);
    expect(FakeBrowserWindow.instances.map((w) => w.visible)).toEqual([false, false]);
    for (const window of FakeBrowserWindow.instances) window.emit('ready-to-show');
    expect(FakeBrowserWindow.instances.map((w) => w.visible)).toEqual([true, true]);
  });

  it('reuses the main window and shows it when it exists', () => {
    const { windows } = manager();
    const first = windows.showMain();
    first.hide();
    const second = windows.showMain();
    expect(second).toBe(first);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect((first as unknown as FakeBrowserWindow).visible).toBe(true);
  });

  it('closes quick-follow on Escape and on blur, and remembers where it was', () => {
    const { windows, saved } = manager({ saved: { x: 300, y: 40 } });
    const quick = windows.showQuick() as unknown as FakeBrowserWindow;
    expect(quick.options).toMatchObject({ x: 300, y: 40 });
    quick.setPosition(320, 60);
    expect(saved.at(-1)).toEqual({ x: 320, y: 60 });

    const letter = fakeEvent();
    quick.webContents.emit('before-input-event', letter, { type: 'keyDown', key: 'a' });
    expect(quick.isDestroyed()).toBe(false);
    const escape = fakeEvent();
    quick.webContents.emit('before-input-event', escape, { type: 'keyDown', key: 'Escape' });
    expect(escape.defaultPrevented).toBe(true);
    expect(quick.isDestroyed()).toBe(true);

    const again = windows.showQuick() as unknown as FakeBrowserWindow;
    expect(again).not.toBe(quick);
    again.emit('blur');
    expect(again.isDestroyed()).toBe(true);
  });

  it('centers quick-follow when the remembered place is on no display', () => {
    const { windows } = manager({ saved: { x: 5000, y: 5000 }, visible: false });
    const quick = windows.showQuick() as unknown as FakeBrowserWindow;
    expect(quick.options).toMatchObject({ center: true });
    expect(quick.options.x).toBeUndefined();
  });

  it('tells our windows apart from anything else by webContents id', () => {
    const { windows } = manager();
    const main = windows.showMain() as unknown as FakeBrowserWindow;
    const quick = windows.showQuick() as unknown as FakeBrowserWindow;
    expect(windows.kindOf(main.webContents.id)).toBe('main');
    expect(windows.kindOf(quick.webContents.id)).toBe('quick');
    expect(windows.kindOf(9999)).toBeNull();
    quick.close();
    expect(windows.kindOf(quick.webContents.id)).toBeNull();
  });

  it('hides the main window on close while the tray keeps the app, closes it when quitting', () => {
    const { windows } = manager({ hideOnClose: true });
    const main = windows.showMain() as unknown as FakeBrowserWindow;
    main.show();
    main.close();
    expect(main.isDestroyed()).toBe(false);
    expect(main.visible).toBe(false);
    windows.setQuitting();
    main.close();
    expect(main.isDestroyed()).toBe(true);
  });

  it('queues events for the main window until its page has loaded', () => {
    const { windows } = manager();
    windows.sendToMain('befriend:event:openProfile', { target: '@dougw' });
    const main = FakeBrowserWindow.instances[0]!;
    expect(main.webContents.sent).toEqual([]);
    main.webContents.emit('did-finish-load');
    expect(main.webContents.sent).toEqual([['befriend:event:openProfile', { target: '@dougw' }]]);
    windows.sendToMain('befriend:event:openProfile', { target: '@x' });
    expect(main.webContents.sent).toHaveLength(2);
  });
});
