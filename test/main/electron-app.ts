/**
 * Everything the main process takes from `electron`, faked and typed against Electron's own
 * declarations: what the app tests hand to the source (`vi.mock`) and the built-app test hands to
 * the bundle (a module loader hook).
 */
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import { VERSION } from '../../core/version.js';
import {
  FakeBrowserWindow,
  FakeMenu,
  FakeNotification,
  FakeTray,
  fakeGlobalShortcut,
  fakeIpcMain,
  fakeSafeStorage,
  fakeSession,
  fakeShell,
} from './electron-fakes.js';

export class FakeApp extends EventEmitter {
  isPackaged = true;
  readonly paths = new Map<string, string>();
  #ready = false;
  #resolveReady: () => void = () => undefined;
  readonly #readyPromise = new Promise<void>((resolve) => {
    this.#resolveReady = resolve;
  });
  quitCalls = 0;
  protocolClients: string[] = [];

  requestSingleInstanceLock(): boolean {
    return true;
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.protocolClients.push(protocol);
    return true;
  }
  whenReady(): Promise<void> {
    return this.#readyPromise;
  }
  isReady(): boolean {
    return this.#ready;
  }
  getPath(name: 'appData' | 'userData'): string {
    const path = this.paths.get(name);
    if (path === undefined) throw new Error(`unexpected getPath(${name})`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getVersion(): string {
    return VERSION;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  becomeReady(): void {
    this.#ready = true;
    this.#resolveReady();
  }
}
FakeApp satisfies new () => Pick<
  Electron.App,
  'requestSingleInstanceLock' | 'setAsDefaultProtocolClient' | 'whenReady' | 'isReady' | 'getPath' | 'setPath' | 'getVersion' | 'quit'
>;

/** A fresh set of main-process fakes; `module` is what stands in for `electron` itself. */
export function fakeElectronMain() {
  const app = new FakeApp();
  const ipcMain = Object.assign(fakeIpcMain(), { on: () => ipcMain });
  const globalShortcut = fakeGlobalShortcut();
  const { session, handlers: sessionHandlers } = fakeSession();
  const privileged: Electron.CustomScheme[][] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    registerSchemesAsPrivileged: (schemes: Electron.CustomScheme[]) => {
      privileged.push(schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      protocolHandlers.set(scheme, handler);
    },
  } satisfies Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  const image = { resize: () => image } as unknown as Electron.NativeImage;
  const nativeImage = { createFromPath: () => image } satisfies Pick<typeof Electron.nativeImage, 'createFromPath'>;
  const screen = {
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } } as Electron.Display],
  } satisfies Pick<Electron.Screen, 'getAllDisplays'>;
  const net = { fetch: (input: string | Request, init?: RequestInit) => fetch(input, init) } satisfies Pick<Electron.Net, 'fetch'>;
  const shell = fakeShell();
  const dialog = {
    showSaveDialog: async () => ({ canceled: true, filePath: '' }),
  } satisfies Pick<Electron.Dialog, 'showSaveDialog'>;
  const module = {
    app,
    ipcMain,
    globalShortcut,
    protocol,
    session: { defaultSession: session },
    safeStorage: fakeSafeStorage({ available: true, backend: 'gnome_libsecret' }),
    screen,
    nativeImage,
    net,
    shell,
    dialog,
    BrowserWindow: FakeBrowserWindow,
    Menu: FakeMenu,
    Tray: FakeTray,
    Notification: FakeNotification,
  };
  return { module, app, ipcMain, globalShortcut, sessionHandlers, privileged, protocolHandlers };
}
