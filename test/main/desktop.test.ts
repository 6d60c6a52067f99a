import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../core/types.js';
import { FakeBrowserWindow, FakeNotification } from './electron-fakes.js';
import { dialog, resetElectron, shell } from './electron-module.js';

vi.mock('electron', async () => (await import('./electron-module.js')).electronModule);

const { createDesktop } = await import('../../electron/main/desktop.js');
const { followNotificationText } = await import('../../electron/main/notifications.js');
const { WindowManager } = await import('../../electron/main/windows.js');

function setup() {
  const windows = new WindowManager({
    preload: '/p.cjs',
    devTools: false,
    pageUrl: (page) => `app://befriend/${page}.html`,
    quickPosition: { load: () => null, save: () => undefined, isVisible: () => true },
    hideMainOnClose: () => false,
  });
  const logged: string[] = [];
  return { windows, desktop: createDesktop(windows, (line) => logged.push(line)), logged };
}

const doug = { id: '1401881', screenName: 'dougw', name: 'Doug Williams' } as User;

beforeEach(() => resetElectron());

describe('notifications', () => {
  it('say what happened', () => {
    expect(followNotificationText(doug, 'followed')).toEqual({ title: 'Now following @dougw', body: 'Doug Williams' });
    expect(followNotificationText({ screenName: 'lockedbox', name: null }, 'request_pending')).toEqual({
      title: 'Follow request sent to @lockedbox',
      body: '@lockedbox',
    });
  });

  it('after a quick-follow: shown, and a click opens the profile in the main window', () => {
    const { desktop } = setup();
    desktop.notifyFollowed(doug, 'acc-1', 'followed');
    const shown = FakeNotification.shown;
    expect(shown.map((n) => n.title)).toEqual(['Now following @dougw']);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    shown[0]!.emit('click');
    const main = FakeBrowserWindow.instances[0]!;
    expect(main.loadedUrl).toBe('app://befriend/index.html');
    main.webContents.emit('did-finish-load');
    expect(main.webContents.sent).toEqual([
      ['befriend:event:openProfile', { target: '@dougw', accountId: 'acc-1', intent: 'show', source: 'notification' }],
    ]);
  });

  it('are skipped quietly where the system has none', () => {
    FakeNotification.supported = false;
    const { desktop } = setup();
    desktop.notifyFollowed(doug, 'acc-1', 'followed');
    expect(FakeNotification.shown).toEqual([]);
  });
});

describe('bulk follow', () => {
  it('notifies, and a click brings the main window forward', () => {
    const { desktop } = setup();
    desktop.notifyBulk({ title: 'Bulk follow finished', body: 'Work: 3 followed.' }, 'acc-1');
    expect(FakeNotification.shown.map((n) => [n.title, n.body])).toEqual([['Bulk follow finished', 'Work: 3 followed.']]);
    FakeNotification.shown[0]!.emit('click');
    expect(FakeBrowserWindow.instances[0]?.loadedUrl).toBe('app://befriend/index.html');
  });

  it('saves the CSV where the person chooses, in Downloads by default; nothing on Cancel', async () => {
    const { desktop } = setup();
    const dir = await mkdtemp(join(tmpdir(), 'befriend-save-'));
    try {
      expect(await desktop.saveFile('results.csv', 'line\r\n1\r\n')).toBeNull();
      expect(dialog.asked).toEqual([expect.objectContaining({ defaultPath: '/home/me/Downloads/results.csv' })]);
      dialog.answer = join(dir, 'mine.csv');
      expect(await desktop.saveFile('results.csv', 'line\r\n1\r\n')).toBe(join(dir, 'mine.csv'));
      expect(await readFile(join(dir, 'mine.csv'), 'utf8')).toBe('line\r\n1\r\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('openExternal', () => {
  it('hands only http(s) to the system browser', async () => {
    const { desktop } = setup();
    expect(await desktop.openExternal('https://example.org/a')).toBe(true);
    expect(await desktop.openExternal('file:///etc/passwd')).toBe(false);
    expect(await desktop.openExternal('javascript:alert(1)')).toBe(false);
    expect(shell.opened).toEqual(['https://example.org/a']);
  });
});

describe('events', () => {
  it('go to every open window of ours', () => {
    const { desktop, windows } = setup();
    const main = windows.showMain() as unknown as FakeBrowserWindow;
    const quick = windows.showQuick() as unknown as FakeBrowserWindow;
    desktop.emit('changed', { topic: 'history' });
    expect(main.webContents.sent).toEqual([['befriend:event:changed', { topic: 'history' }]]);
    expect(quick.webContents.sent).toEqual([['befriend:event:changed', { topic: 'history' }]]);
    desktop.closeQuickFollow();
    expect(quick.isDestroyed()).toBe(true);
  });
});
