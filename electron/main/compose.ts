/**
 * Main's services, composed in one place for Electron (app.ts) and for the headless harness and
 * the tests (headless.ts). The two differ only in the ports they pass in: the settings file, the
 * cipher, the client's fetch, and the desktop (tray, shortcut, windows) real or recorded.
 */
import { join } from 'node:path';
import { AccountsService } from '../../core/accounts.js';
import type { BefriendClient } from '../../core/client-api.js';
import { HistoryLog } from '../../core/history.js';
import { SecretVault, type SecretCipher } from '../../core/secret-vault.js';
import { readSettings, type SettingsFile } from '../../core/settings-file.js';
import { BulkService } from './bulk-service.js';
import { createIpcHandlers, type IpcHandlers } from './ipc/handlers.js';
import { SandboxService, type SandboxHandle } from './sandbox-service.js';
import type { DesktopPort, MainServices, ShortcutPort, TrayPort } from './services.js';

export interface MainPorts {
  /** Where history and bulk queues live, beside the settings file. */
  dataDir: string;
  store: SettingsFile;
  cipher: SecretCipher;
  client: BefriendClient;
  startSandbox: () => Promise<SandboxHandle>;
  shortcut: ShortcutPort;
  tray: TrayPort;
  desktop: DesktopPort;
  platform: string;
  /** Diagnostics; never given a secret or a payload. */
  log: (message: string) => void;
}

export interface ComposedMain {
  services: MainServices;
  handlers: IpcHandlers;
  /** Lets bulk follows in flight finish and write themselves down, writes the history, stops the sandbox. */
  close(): Promise<void>;
}

/** A file system error's code (EACCES, ENOSPC…), never its path or anything written. */
function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}

export function composeMain(ports: MainPorts): ComposedMain {
  const { dataDir, store, client, tray, desktop, log } = ports;
  const vault = new SecretVault({
    cipher: ports.cipher,
    store: { read: () => store.get('secrets'), write: (secrets) => store.set('secrets', secrets) },
    persistWithoutKeyring: () => readSettings(store).persistSecretsWithoutKeyring,
  });
  const history = new HistoryLog({ dir: dataDir, onWriteError: (error) => log(`history not saved: ${errorCode(error)}`) });
  const sandbox = new SandboxService(ports.startSandbox);
  const bulk = new BulkService({
    rootDir: join(dataDir, 'bulk'),
    client,
    history,
    tray,
    desktop,
    notificationsEnabled: () => readSettings(store).notificationsEnabled,
    log,
  });
  const services: MainServices = {
    client,
    store,
    accounts: new AccountsService({ store, vault }),
    history,
    bulk,
    sandbox,
    shortcut: ports.shortcut,
    tray,
    desktop,
    platform: ports.platform,
    dataDir,
    log,
  };
  return {
    services,
    handlers: createIpcHandlers(services),
    async close() {
      await bulk.close();
      await history.flush();
      await sandbox.close();
    },
  };
}
