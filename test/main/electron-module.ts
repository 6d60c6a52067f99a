/**
 * The object `vi.mock('electron', …)` hands to the modules under test. Test files mock with
 * `vi.mock('electron', async () => (await import('./electron-module.js')).electronModule)` and
 * inspect the same fakes through this module.
 */
import {
  FakeBrowserWindow,
  FakeMenu,
  FakeNotification,
  FakeTray,
  fakeContextBridge,
  fakeGlobalShortcut,
  fakeIpcMain,
  fakeIpcRenderer,
  fakeShell,
} from './electron-fakes.js';

export const shell = fakeShell();
export const globalShortcut = fakeGlobalShortcut();
export const ipcMain = fakeIpcMain();
export const contextBridge = fakeContextBridge();
export const ipcRenderer = fakeIpcRenderer();

/** The save dialog: answers with `answer` (the path a person picked, or null for Cancel). */
export const dialog = {
  answer: null as string | null,
  asked: [] as { defaultPath?: string }[],
  async showSaveDialog(_window: unknown, options: { defaultPath?: string }) {
    dialog.asked.push(options);
    return dialog.answer === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: dialog.answer };
  },
};

/** Only what the desktop port asks of `app`; the app tests bring their own. */
export const app = {
  getPath: (name: string) => `/home/me/${name === 'downloads' ? 'Downloads' : name}`,
};

export const electronModule = {
  BrowserWindow: FakeBrowserWindow,
  Menu: FakeMenu,
  Tray: FakeTray,
  Notification: FakeNotification,
  shell,
  globalShortcut,
  ipcMain,
  contextBridge,
  ipcRenderer,
  dialog,
  app,
};

export function resetElectron(): void {
  FakeBrowserWindow.instances.length = 0;
  FakeMenu.built.length = 0;
  FakeTray.instances.length = 0;
  FakeNotification.shown.length = 0;
  FakeNotification.supported = true;
  shell.opened.length = 0;
  globalShortcut.registered.clear();
  globalShortcut.taken.clear();
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  ipcRenderer.invoked.length = 0;
  ipcRenderer.emitter.removeAllListeners();
  dialog.answer = null;
  dialog.asked.length = 0;
}
