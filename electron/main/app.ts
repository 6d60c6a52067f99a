/**
 * Wires Electron to the services: nothing here decides anything that a module below does not
 * already decide and test.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, globalShortcut, ipcMain, nativeImage, net, protocol, safeStorage, screen, session } from 'electron';
import { createClient } from '../../core/client.js';
import type { HistoryEntry } from '../../core/history-entry.js';
import { startSandbox } from '../../core/sandbox/server.js';
import { readSettings } from '../../core/settings-file.js';
import { ipcEventChannel } from '../shared/contract.js';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, serveAppRequest } from './app-protocol.js';
import { composeMain } from './compose.js';
import { parseDeepLink, deepLinkInArgv } from './deep-links.js';
import { createDesktop } from './desktop.js';
import { registerIpcHandlers } from './ipc.js';
import { registerProtocolClient } from './protocol-client.js';
import { safeStorageCipher } from './secrets.js';
import { contentSecurityPolicy, hardenSession, hardenWebContents } from './security.js';
import type { DesktopPort } from './services.js';
import { openSettingsFile } from './settings-file.js';
import { GlobalShortcutController } from './shortcut.js';
import { claimSingleInstance, wantsQuickFollow } from './single-instance.js';
import { TrayController } from './tray.js';
import { WindowManager } from './windows.js';

/** Diagnostics go to stderr without payloads: handlers pass only names and kinds. */
function log(message: string): void {
  console.error(`[befriend] ${message}`);
}

function here(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

/** The data directory's name on every system, whether run from source or packaged. */
const DATA_DIR_NAME = 'Befriend';
/** electron-builder.yml's appId: Windows shows notifications only for an app with this id. */
const APP_USER_MODEL_ID = 'social.befriend.desktop';

export function startApp(): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.setPath('userData', join(app.getPath('appData'), DATA_DIR_NAME));
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  // Links and second launches can arrive before the app is set up: keep them until it is.
  let onDeepLink: ((url: string) => void) | null = null;
  let onSecondInstance: (quickFollow: boolean) => void = () => undefined;
  const earlyLinks: string[] = [];
  const isPrimary = claimSingleInstance(app, {
    onSecondInstance: (quickFollow) => onSecondInstance(quickFollow),
    onDeepLink: (url) => (onDeepLink ? onDeepLink(url) : earlyLinks.push(url)),
  });
  if (!isPrimary) return;

  registerProtocolClient(app, process);
  const firstLink = deepLinkInArgv(process.argv);
  if (firstLink !== null) earlyLinks.push(firstLink);

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (what) => log(`blocked ${what}`)));

  app.whenReady().then(async () => {
    const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
    const devOrigin = devUrl ? new URL(devUrl).origin : null;
    const csp = contentSecurityPolicy(devOrigin ? { dev: { origin: devOrigin } } : {});
    hardenSession(session.defaultSession, csp);
    const rendererRoot = here('../renderer');
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererRoot, csp));

    const { store, movedAside } = openSettingsFile(app.getPath('userData'));

    // The tray lists the history, which main's services keep; the services need the tray: they meet once composed.
    let listHistory = async (): Promise<HistoryEntry[]> => [];
    let desktop: DesktopPort | null = null;
    const windows = new WindowManager({
      preload: here('../preload/index.cjs'),
      devTools: !app.isPackaged,
      pageUrl: (page) => (devUrl ? `${devUrl.replace(/\/$/, '')}/${page}.html` : `${APP_ORIGIN}/${page}.html`),
      quickPosition: {
        load: () => store.get('quickWindowPosition'),
        save: (position) => store.set('quickWindowPosition', { x: Math.round(position.x), y: Math.round(position.y) }),
        isVisible: (position) =>
          screen.getAllDisplays().some(({ workArea: a }) => position.x >= a.x && position.y >= a.y && position.x < a.x + a.width && position.y < a.y + a.height),
      },
      hideMainOnClose: () => tray.isActive(),
    });
    const tray = new TrayController({
      icon: nativeImage.createFromPath(here('../../resources/icon.png')).resize({ width: 22, height: 22 }),
      history: () => listHistory(),
      actions: {
        quickFollow: () => windows.showQuick(),
        openMain: () => windows.showMain(),
        openProfile: (entry) =>
          desktop?.showProfile({
            target: entry.user ? `@${entry.user.screenName}` : entry.target,
            accountId: entry.accountId,
            intent: 'show',
            source: 'tray',
          }),
        quit: () => app.quit(),
      },
    });
    const shortcut = new GlobalShortcutController({ registry: globalShortcut, onTrigger: () => windows.showQuick() });
    desktop = createDesktop(windows, log);

    const main = composeMain({
      dataDir: app.getPath('userData'),
      store,
      cipher: safeStorageCipher(safeStorage),
      client: createClient({ fetch: net.fetch as typeof fetch }),
      startSandbox: () => startSandbox(),
      shortcut,
      tray,
      desktop,
      platform: process.platform,
      log,
    });
    const { handlers, services } = main;
    listHistory = () => services.history.list();
    registerIpcHandlers(
      ipcMain,
      handlers,
      { windowOf: (id) => windows.kindOf(id), allowedOrigins: devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN] },
      log,
    );

    const settings = readSettings(store);
    tray.setEnabled(settings.trayEnabled);
    const notices: string[] = [];
    if (movedAside !== null) {
      notices.push(`Your settings file could not be read, so Befriend started afresh; the old one is kept as ${movedAside}.`);
    }
    if (settings.shortcutEnabled) {
      const change = shortcut.set(settings.shortcut);
      if (!change.ok) notices.push(change.error);
    }
    const { secretStorage: secrets } = await services.accounts.state();
    if (!secrets.persist && store.get('accounts').some((account) => !account.sandbox)) notices.push(secrets.message);

    if (!store.get('firstRunDone') && store.get('accounts').length === 0) {
      const started = await handlers.startSandbox({});
      if (!started.ok) notices.push(`The sandbox did not start: ${started.error.message}`);
    }

    const openDeepLink = (url: string) => {
      const link = parseDeepLink(url);
      if (link === null) {
        log('ignored a befriend:// link that is not befriend://follow/<name>');
        return;
      }
      desktop?.showProfile({ target: link.target, accountId: null, intent: 'follow', source: 'deep-link' });
    };
    onDeepLink = openDeepLink;
    onSecondInstance = (quickFollow) => (quickFollow ? windows.showQuick() : windows.showMain());

    if (wantsQuickFollow(process.argv)) windows.showQuick();
    else windows.showMain();
    for (const message of notices) windows.sendToMain(ipcEventChannel('notice'), { level: 'warning', message });
    for (const url of earlyLinks.splice(0)) openDeepLink(url);
    // A list left unfinished by a quit or a crash comes back paused, in the tray and the Bulk tab.
    const kept = await handlers.bulkStatus({});
    if (!kept.ok && kept.error.kind !== 'invalid_request') log(`bulk follow not reopened: ${kept.error.kind}`);

    app.on('activate', () => windows.showMain());
    app.on('before-quit', () => windows.setQuitting());
    // Quitting waits for the bulk queues and the history to write themselves down (requests in flight finish first).
    let closed = false;
    app.on('will-quit', (event) => {
      shortcut.dispose();
      if (closed) return;
      event.preventDefault();
      void main.close().finally(() => {
        closed = true;
        app.quit();
      });
    });
    app.on('window-all-closed', () => {
      if (!tray.isActive()) app.quit();
    });
  }).catch((error: unknown) => {
    log(`could not start: ${error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error'}`);
    app.exit(1);
  });
}
