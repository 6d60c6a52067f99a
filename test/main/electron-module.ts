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
}
