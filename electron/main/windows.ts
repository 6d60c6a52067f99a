import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';

export type WindowKind = 'main' | 'quick';

/**
 * The same locked-down preferences for every window: the page runs sandboxed, isolated from the
 * preload, without Node, and can only reach main through the preload's named functions.
 */
export function secureWebPreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
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
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function mainWindowOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    title: 'Befriend',
    width: 960,
    height: 720,
    minWidth: 420,
    minHeight: 360,
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

export const QUICK_SIZE = { width: 460, height: 200 } as const;

export function quickWindowOptions(
  preload: string,
  devTools: boolean,
  position: { x: number; y: number } | null,
): BrowserWindowConstructorOptions {
  return {
    title: 'Quick follow',
    ...QUICK_SIZE,
    ...(position ?? { center: true }),
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    show: false,
    webPreferences: secureWebPreferences(preload, devTools),
  };
}

export interface WindowManagerOptions {
  preload: string;
  devTools: boolean;
  /** The URL of a page: `app://befriend/index.html`, or the dev server's. */
  pageUrl(page: 'index' | 'quick'): string;
  quickPosition: {
    load(): { x: number; y: number } | null;
    save(position: { x: number; y: number }): void;
    /** False when the saved place is on no current display (a monitor was unplugged). */
    isVisible(position: { x: number; y: number }): boolean;
  };
  /** Whether closing the main window should hide it (the tray keeps the app reachable). */
  hideMainOnClose(): boolean;
}

/** The main (search-and-follow) window and the quick-follow window. */
export class WindowManager {
  readonly #options: WindowManagerOptions;
  #main: BrowserWindow | null = null;
  #quick: BrowserWindow | null = null;
  #mainLoaded = false;
  #pendingForMain: [string, unknown][] = [];
  #quitting = false;

  constructor(options: WindowManagerOptions) {
    this.#options = options;
  }

  /** While quitting, closing the main window really closes it. */
  setQuitting(): void {
    this.#quitting = true;
  }

  showMain(): BrowserWindow {
    if (this.#main === null || this.#main.isDestroyed()) {
      const window = new BrowserWindow(mainWindowOptions(this.#options.preload, this.#options.devTools));
      this.#main = window;
      this.#mainLoaded = false;
      window.once('ready-to-show', () => window.show());
      window.webContents.on('did-finish-load', () => {
        this.#mainLoaded = true;
        const pending = this.#pendingForMain;
        this.#pendingForMain = [];
        for (const [channel, payload] of pending) window.webContents.send(channel, payload);
      });
      window.on('close', (event) => {
        if (!this.#quitting && this.#options.hideMainOnClose()) {
          event.preventDefault();
          window.hide();
        }
      });
      window.on('closed', () => {
        if (this.#main === window) this.#main = null;
      });
      void window.loadURL(this.#options.pageUrl('index'));
      return window;
    }
    if (this.#main.isMinimized()) this.#main.restore();
    this.#main.show();
    this.#main.focus();
    return this.#main;
  }

  /** Sends to the main window, opening it first and waiting for its page when needed. */
  sendToMain(channel: string, payload: unknown): void {
    const window = this.showMain();
    if (this.#mainLoaded) window.webContents.send(channel, payload);
    else this.#pendingForMain.push([channel, payload]);
  }

  sendToAll(channel: string, payload: unknown): void {
    for (const window of [this.#main, this.#quick]) {
      if (window && !window.isDestroyed()) window.webContents.send(channel, payload);
    }
  }

  showQuick(): BrowserWindow {
    if (this.#quick !== null && !this.#quick.isDestroyed()) {
      this.#quick.show();
      this.#quick.focus();
      return this.#quick;
    }
    const saved = this.#options.quickPosition.load();
    const position = saved && this.#options.quickPosition.isVisible(saved) ? saved : null;
    const window = new BrowserWindow(quickWindowOptions(this.#options.preload, this.#options.devTools, position));
    this.#quick = window;
    const remember = () => {
      const [x, y] = window.getPosition();
      if (x !== undefined && y !== undefined) this.#options.quickPosition.save({ x, y });
    };
    window.on('moved', remember);
    window.on('blur', () => this.closeQuick());
    window.webContents.on('before-input-event', (event, input) => {
      if (input.type === 'keyDown' && input.key === 'Escape') {
        event.preventDefault();
        this.closeQuick();
      }
    });
    window.on('close', remember);
    window.on('closed', () => {
      if (this.#quick === window) this.#quick = null;
    });
    window.once('ready-to-show', () => {
      window.show();
      window.focus();
    });
    void window.loadURL(this.#options.pageUrl('quick'));
    return window;
  }

  closeQuick(): void {
    if (this.#quick !== null && !this.#quick.isDestroyed()) this.#quick.close();
  }

  /** Which of our windows owns these contents, or null for anything else. */
  kindOf(webContentsId: number): WindowKind | null {
    if (this.#main && !this.#main.isDestroyed() && this.#main.webContents.id === webContentsId) return 'main';
    if (this.#quick && !this.#quick.isDestroyed() && this.#quick.webContents.id === webContentsId) return 'quick';
    return null;
  }
}
