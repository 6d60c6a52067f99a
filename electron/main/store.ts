import { join } from 'node:path';
import Store from 'electron-store';
import type { AppStore } from '../../core/accounts.js';
import { APP_STORE_NAME, appStoreOptions, type AppData } from '../../core/app-store-schema.js';
import { openWithRecovery } from '../../core/store-recovery.js';

/**
 * The settings file in the app's data directory (see README: Linux `~/.config/Befriend`,
 * macOS `~/Library/Application Support/Befriend`, Windows `%APPDATA%\Befriend`). Migrations are
 * keyed by the app's version, which electron-store takes from the app itself.
 */
export function openAppStore(dataDir: string): { store: AppStore; movedAside: string | null } {
  return openWithRecovery<AppStore>(
    () => new Store<AppData>({ ...appStoreOptions(), name: APP_STORE_NAME }),
    join(dataDir, `${APP_STORE_NAME}.json`),
  );
}
