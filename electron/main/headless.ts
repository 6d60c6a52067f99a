/**
 * Main's services without Electron: the real handlers, stores, client and sandbox, with the
 * desktop parts (tray, shortcut, browser, notifications) recorded instead of shown. The
 * end-to-end harness serves the built renderer with these handlers behind Playwright bindings,
 * and the main-process tests use it for everything that is not Electron glue.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import { createClient } from '../../core/client.js';
import type { BefriendClient } from '../../core/client-api.js';
import { startSandbox } from '../../core/sandbox/server.js';
import type { SecretCipher } from '../../core/secret-vault.js';
import { confSettingsFileOptions, type SettingsFile, type SettingsFileData } from '../../core/settings-file.js';
import type { EventName, EventPayload } from '../shared/contract.js';
import { composeMain, type ComposedMain } from './compose.js';
import type { SandboxHandle } from './sandbox-service.js';
import { externalUrl } from './security.js';
import type { DesktopPort, TrayPort } from './services.js';
import { GlobalShortcutController, type ShortcutRegistry } from './shortcut.js';

/** AES-256-GCM with a key that lives only in this process: a stand-in for safeStorage. */
export function processKeyCipher(backend = 'process-key'): SecretCipher {
  const key = randomBytes(32);
  return {
    backend: async () => backend,
    async encrypt(plainText) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    async decrypt(cipherText) {
      const bytes = Buffer.from(cipherText);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const result = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: false };
    },
  };
}

export interface RecordedDesktop {
  events: { name: EventName; payload: unknown }[];
  opened: string[];
  notifications: { screenName: string; accountId: string; outcome: string }[];
  shown: EventPayload<'openProfile'>[];
  quickClosed: number;
  quickOpened: number;
  /** The tray tooltip as main last set it (null: the plain one). */
  tooltip: string | null;
  bulkNotifications: { title: string; body: string; accountId: string }[];
  /** Files written where a save dialog would have asked: `<dataDir>/saved/<name>`. */
  saved: string[];
}

export interface HeadlessMain extends ComposedMain {
  desktop: RecordedDesktop;
  store: SettingsFile;
}

/** A shortcut registry where some accelerators are taken, like another app holding them. */
function memoryShortcutRegistry(taken: ReadonlySet<string>): ShortcutRegistry {
  const registered = new Set<string>();
  return {
    register(accelerator) {
      if (taken.has(accelerator) || registered.has(accelerator)) return false;
      registered.add(accelerator);
      return true;
    },
    unregister(accelerator) {
      registered.delete(accelerator);
    },
    unregisterAll() {
      registered.clear();
    },
  };
}

export function createHeadlessMain(options: {
  dataDir: string;
  cipher?: SecretCipher;
  client?: BefriendClient;
  startSandbox?: () => Promise<SandboxHandle>;
  takenShortcuts?: readonly string[];
  onEvent?: (name: EventName, payload: unknown) => void;
  log?: (message: string) => void;
}): HeadlessMain {
  const store: SettingsFile = new Conf<SettingsFileData>(confSettingsFileOptions(options.dataDir));
  const recorded: RecordedDesktop = {
    events: [],
    opened: [],
    notifications: [],
    shown: [],
    quickClosed: 0,
    quickOpened: 0,
    tooltip: null,
    bulkNotifications: [],
    saved: [],
  };
  let trayOn = store.get('settings').trayEnabled;
  const tray: TrayPort = {
    setEnabled: (enabled) => {
      trayOn = enabled;
    },
    isActive: () => trayOn,
    refresh: () => undefined,
    setTooltip: (text) => {
      recorded.tooltip = text;
    },
  };
  const desktop: DesktopPort = {
    async openExternal(url) {
      const external = externalUrl(url);
      if (external === null) return false;
      recorded.opened.push(external);
      return true;
    },
    showProfile(event) {
      recorded.shown.push(event);
      this.emit('openProfile', event);
    },
    closeQuickFollow() {
      recorded.quickClosed += 1;
    },
    notifyFollowed(user, accountId, outcome) {
      recorded.notifications.push({ screenName: user.screenName, accountId, outcome });
    },
    notifyBulk(text, accountId) {
      recorded.bulkNotifications.push({ ...text, accountId });
    },
    async saveFile(defaultName, content) {
      const dir = join(options.dataDir, 'saved');
      await mkdir(dir, { recursive: true });
      const path = join(dir, defaultName);
      await writeFile(path, content, 'utf8');
      recorded.saved.push(path);
      return path;
    },
    emit(name, payload) {
      recorded.events.push({ name, payload });
      options.onEvent?.(name, payload);
    },
  };
  const main = composeMain({
    dataDir: options.dataDir,
    store,
    cipher: options.cipher ?? processKeyCipher(),
    client: options.client ?? createClient(),
    startSandbox: options.startSandbox ?? (() => startSandbox()),
    shortcut: new GlobalShortcutController({
      registry: memoryShortcutRegistry(new Set(options.takenShortcuts ?? [])),
      onTrigger: () => {
        recorded.quickOpened += 1;
      },
      platform: 'headless',
    }),
    tray,
    desktop,
    platform: process.platform,
    log: options.log ?? (() => undefined),
  });
  return { ...main, desktop: recorded, store };
}
