import { join } from 'node:path';
import Store from 'electron-store';
import { SETTINGS_FILE_NAME, settingsFileOptions, type SettingsFile, type SettingsFileData } from '../../core/settings-file.js';
import { openWithRecovery } from '../../core/store-recovery.js';

/**
 * The settings file in the app's data directory (see README: Linux `~/.config/Befriend`,
 * macOS `~/Library/Application Support/Befriend`, Windows `%APPDATA%\Befriend`). Migrations are
 * keyed by the app's version, which electron-store takes from the app itself.
 */
export function openSettingsFile(dataDir: string): { store: SettingsFile; movedAside: string | null } {
  return openWithRecovery<SettingsFile>(
    () => new Store<SettingsFileData>({ ...settingsFileOptions(), name: SETTINGS_FILE_NAME }),
    join(dataDir, `${SETTINGS_FILE_NAME}.json`),
  );
}
