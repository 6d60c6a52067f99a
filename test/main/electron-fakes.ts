/**
 * A stand-in for the `electron` module (its binary cannot run here). Every fake declares which
 * part of Electron's own types it stands for (`implements Pick<Electron.X, …>` / `satisfies`),
 * so a fake that drifts from Electron's API stops compiling.
 */
import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';

/** An Electron-style event whose default can be prevented. */
export function fakeEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents
  extends EventEmitter
  implements Pick<Electron.WebContents, 'id' | 'send' | 'setWindowOpenHandler'>
{
  readonly id = nextContentsId++;
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;

  send(channel: string, ...args: any[]): void {
    this.sent.push([channel, args[0]]);
  }

  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow
  extends EventEmitter
  implements
    Pick<
      Electron.BrowserWindow,
      | 'loadURL'
      | 'show'
      | 'hide'
      | 'focus'
      | 'close'
      | 'isDestroyed'
      | 'isMinimized'
      | 'restore'
      | 'getPosition'
      | 'setPosition'
      | 'isVisible'
    >
{
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Electron.BrowserWindowConstructorOptions;
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  destroyed = false;
  position: [number, number];

  constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
    super();
    this.options = options;
    this.position = [options.x ?? 100, options.y ?? 100];
    FakeBrowserWindow.instances.push(this);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
  }

  focus(): void {
    this.focused = true;
  }

  isVisible(): boolean {
    return this.visible;
  }

  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {
    this.visible = true;
  }

  getPosition(): number[] {
    return [...this.position];
  }

  setPosition(x: number, y: number): void {
    this.position = [x, y];
    this.emit('moved');
  }
}

type MenuTemplate = Parameters<typeof Electron.Menu.buildFromTemplate>[0];

export class FakeMenu implements Pick<Electron.Menu, 'items'> {
  static built: FakeMenu[] = [];
  readonly template: Electron.MenuItemConstructorOptions[];
  readonly items: Electron.MenuItem[] = [];

  constructor(template: MenuTemplate) {
    this.template = template as Electron.MenuItemConstructorOptions[];
  }

  /** Takes exactly what Electron's `Menu.buildFromTemplate` takes. */
  static buildFromTemplate(template: MenuTemplate): Electron.Menu {
    const menu = new FakeMenu(template);
    FakeMenu.built.push(menu);
    return menu as unknown as Electron.Menu;
  }
}
FakeMenu satisfies Pick<typeof Electron.Menu, 'buildFromTemplate'>;

export class FakeTray extends EventEmitter implements Pick<Electron.Tray, 'setContextMenu' | 'setToolTip' | 'destroy' | 'isDestroyed'> {
  static instances: FakeTray[] = [];
  readonly icon: unknown;
  menu: FakeMenu | null = null;
  menus: FakeMenu[] = [];
  tooltip = '';
  destroyed = false;

  constructor(icon: Electron.NativeImage | string) {
    super();
    this.icon = icon;
    FakeTray.instances.push(this);
  }

  setContextMenu(menu: Electron.Menu | null): void {
    this.menu = menu as unknown as FakeMenu;
    if (this.menu) this.menus.push(this.menu);
  }

  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeNotification extends EventEmitter implements Pick<Electron.Notification, 'show' | 'title' | 'body'> {
  static supported = true;
  static shown: FakeNotification[] = [];
  title: string;
  body: string;

  constructor(options: Electron.NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
  }

  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  show(): void {
    FakeNotification.shown.push(this);
  }
}
FakeNotification satisfies Pick<typeof Electron.Notification, 'isSupported'>;

/** A registry where some accelerators belong to "another app". */
export function fakeGlobalShortcut(taken: Set<string> = new Set()) {
  const registered = new Map<string, () => void>();
  const api = {
    registered,
    taken,
    register(accelerator: string, callback: () => void): boolean {
      if (taken.has(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    },
    unregister(accelerator: string): void {
      registered.delete(accelerator);
    },
    unregisterAll(): void {
      registered.clear();
    },
    isRegistered(accelerator: string): boolean {
      return registered.has(accelerator);
    },
  } satisfies Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'unregisterAll' | 'isRegistered'> & Record<string, unknown>;
  return api;
}

export function fakeShell() {
  const opened: string[] = [];
  return {
    opened,
    async openExternal(url: string): Promise<void> {
      opened.push(url);
    },
  } satisfies Pick<Electron.Shell, 'openExternal'> & { opened: string[] };
}

export function fakeSafeStorage(options: { available: boolean; backend: ReturnType<Electron.SafeStorage['getSelectedStorageBackend']> }) {
  // Reversible but not plain: enough to prove only ciphertext reaches the disk.
  const scramble = (bytes: Buffer) => Buffer.from(bytes.map((b) => b ^ 0x5a));
  return {
    isAsyncEncryptionAvailable: async () => options.available,
    getSelectedStorageBackend: () => options.backend,
    encryptStringAsync: async (plainText: string) => scramble(Buffer.from(`enc:${plainText}`, 'utf8')),
    decryptStringAsync: async (encrypted: Buffer) => {
      const text = scramble(encrypted).toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { result: text.slice(4), shouldReEncrypt: false };
    },
  } satisfies Pick<
    Electron.SafeStorage,
    'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptStringAsync' | 'decryptStringAsync'
  >;
}

export type IpcInvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: any[]) => Promise<unknown>;

export function fakeIpcMain() {
  const handlers = new Map<string, IpcInvokeHandler>();
  return {
    handlers,
    handle(channel: string, listener: IpcInvokeHandler): void {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
  } satisfies Pick<Electron.IpcMain, 'handle' | 'removeHandler'> & { handlers: Map<string, IpcInvokeHandler> };
}

/** An invoke event from a frame at `url`; `parent` makes it a subframe. */
export function fakeInvokeEvent(senderId: number, url: string, options: { subframe?: boolean; frameGone?: boolean } = {}) {
  const frame = { url, parent: options.subframe ? ({} as Electron.WebFrameMain) : null };
  const event = {
    sender: { id: senderId } as Electron.WebContents,
    senderFrame: options.frameGone ? null : (frame as Electron.WebFrameMain),
  } satisfies Pick<Electron.IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
  // The code under test reads only these two fields (checkSender's parameter says so).
  return event as unknown as Electron.IpcMainInvokeEvent;
}

export function fakeSession() {
  let requestHandler: Parameters<Electron.Session['setPermissionRequestHandler']>[0] = null;
  let checkHandler: Parameters<Electron.Session['setPermissionCheckHandler']>[0] = null;
  let deviceHandler: Parameters<Electron.Session['setDevicePermissionHandler']>[0] = null;
  let headersListener:
    | ((details: Electron.OnHeadersReceivedListenerDetails, callback: (response: Electron.HeadersReceivedResponse) => void) => void)
    | null = null;
  const webRequest = {
    onHeadersReceived(...args: unknown[]): void {
      headersListener = args.at(-1) as typeof headersListener;
    },
  } as unknown as Electron.WebRequest;
  const session = {
    setPermissionRequestHandler: (handler: typeof requestHandler) => {
      requestHandler = handler;
    },
    setPermissionCheckHandler: (handler: typeof checkHandler) => {
      checkHandler = handler;
    },
    setDevicePermissionHandler: (handler: typeof deviceHandler) => {
      deviceHandler = handler;
    },
    webRequest,
  } satisfies Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>;
  return {
    session,
    handlers: () => ({ requestHandler, checkHandler, deviceHandler, headersListener }),
  };
}

export function fakeContextBridge() {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    exposeInMainWorld(apiKey: string, api: any): void {
      exposed.set(apiKey, api);
    },
  } satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'> & { exposed: Map<string, unknown> };
}

export function fakeIpcRenderer() {
  const emitter = new EventEmitter();
  const invoked: [string, unknown][] = [];
  const self = {} as Electron.IpcRenderer;
  const api = {
    invoked,
    emitter,
    async invoke(channel: string, ...args: any[]): Promise<any> {
      invoked.push([channel, args[0]]);
      return { ok: true, echoed: channel };
    },
    on(channel: string, listener: (event: Electron.IpcRendererEvent, ...args: any[]) => void) {
      emitter.on(channel, listener);
      return self;
    },
    removeListener(channel: string, listener: (...args: any[]) => void) {
      emitter.removeListener(channel, listener);
      return self;
    },
  } satisfies Pick<Electron.IpcRenderer, 'invoke' | 'on' | 'removeListener'> & Record<string, unknown>;
  return api;
}
