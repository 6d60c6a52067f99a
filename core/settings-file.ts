import type { AuthMode, ServerProfileId } from './account.js';
import { profileFor, SERVER_PROFILES } from './server-profiles.js';
import type { Format } from './types.js';
import { VERSION } from './version.js';

/**
 * The layout of Befriend's settings file (accounts without secrets, secret ciphertext, settings,
 * window positions). Electron main opens it with electron-store, plain-Node tests with conf:
 * both take `settingsFileOptions()`, so the schema and the migrations are the same code.
 */

export interface Settings {
  /** The accelerator the person chose for quick-follow. */
  shortcut: string;
  shortcutEnabled: boolean;
  trayEnabled: boolean;
  /** A desktop notification after a quick-follow. */
  notificationsEnabled: boolean;
  /** How the quick-follow window reads bare digits (it has no room to ask). */
  quickNumericAs: 'screen_name' | 'user_id';
  /** Write secrets to disk even where the OS offers no keyring (Linux `basic_text`). */
  persistSecretsWithoutKeyring: boolean;
  theme: 'system' | 'light' | 'dark';
}

/**
 * CommandOrControl+Alt+F: "F" for follow, and the Ctrl+Alt (⌘⌥ on macOS) pair is rarely claimed
 * globally — Ctrl+Shift combinations belong to browsers and editors, Alt+F opens File menus,
 * Ctrl+Alt+<arrows/T/Del> are desktop shortcuts, and none of the common desktops bind Ctrl+Alt+F.
 */
export const DEFAULT_SHORTCUT = 'CommandOrControl+Alt+F';

export const DEFAULT_SETTINGS: Settings = {
  shortcut: DEFAULT_SHORTCUT,
  shortcutEnabled: true,
  trayEnabled: true,
  notificationsEnabled: true,
  quickNumericAs: 'user_id',
  persistSecretsWithoutKeyring: false,
  theme: 'system',
};

export interface StoredAccount {
  id: string;
  label: string;
  profile: ServerProfileId;
  apiBase: string;
  oauthBase: string | null;
  authMode: AuthMode;
  username: string | null;
  format: Format;
  notifyByDefault: boolean;
  allowInsecureBasic: boolean;
  hasUserSearch: boolean;
  self: { id: string | null; screenName: string | null } | null;
  sandbox: boolean;
  /** Whether `secrets[id]` holds this account's ciphertext (else: session only). */
  secretPersisted: boolean;
  createdAt: string;
}

export interface SettingsFileData extends Record<string, unknown> {
  accounts: StoredAccount[];
  activeAccountId: string | null;
  /** Account id → base64 of the safeStorage ciphertext of its credentials. Nothing else. */
  secrets: Record<string, string>;
  settings: Settings;
  quickWindowPosition: { x: number; y: number } | null;
  /** False until the first launch has offered (and started) the sandbox. */
  firstRunDone: boolean;
}

/** The settings file as Befriend uses it: the typed part of conf's / electron-store's API. */
export interface SettingsFile {
  get<K extends keyof SettingsFileData>(key: K): SettingsFileData[K];
  set<K extends keyof SettingsFileData>(key: K, value: SettingsFileData[K]): void;
  readonly path: string;
}

const nullableString = { type: ['string', 'null'] } as const;
const boolean = { type: 'boolean' } as const;

const accountProperties = {
  id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
  label: { type: 'string', maxLength: 80 },
  profile: { enum: ['twitter-v1', 'twitter-v1.1', 'gnusocial', 'custom'] },
  apiBase: { type: 'string', maxLength: 2048 },
  oauthBase: nullableString,
  authMode: { enum: ['basic', 'oauth'] },
  username: nullableString,
  format: { enum: ['xml', 'json'] },
  notifyByDefault: boolean,
  allowInsecureBasic: boolean,
  hasUserSearch: boolean,
  self: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: { id: nullableString, screenName: nullableString },
  },
  sandbox: boolean,
  secretPersisted: boolean,
  createdAt: { type: 'string' },
} as const;

/** Every field of a stored account is required: migrations fill in what older builds lacked. */
const accountSchema = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(accountProperties),
  properties: accountProperties,
} as const;

/** JSON Schema (ajv, draft 2020-12) for each top-level key; conf validates every write. */
const SETTINGS_FILE_SCHEMA = {
  accounts: { type: 'array', items: accountSchema },
  activeAccountId: nullableString,
  secrets: {
    type: 'object',
    propertyNames: { pattern: '^[A-Za-z0-9_-]{1,64}$' },
    additionalProperties: { type: 'string', pattern: '^[A-Za-z0-9+/=]*$' },
  },
  settings: {
    type: 'object',
    additionalProperties: false,
    properties: {
      shortcut: { type: 'string', maxLength: 100 },
      shortcutEnabled: boolean,
      trayEnabled: boolean,
      notificationsEnabled: boolean,
      quickNumericAs: { enum: ['screen_name', 'user_id'] },
      persistSecretsWithoutKeyring: boolean,
      theme: { enum: ['system', 'light', 'dark'] },
    },
  },
  quickWindowPosition: {
    type: ['object', 'null'],
    additionalProperties: false,
    required: ['x', 'y'],
    properties: { x: { type: 'integer' }, y: { type: 'integer' } },
  },
  firstRunDone: boolean,
} as const;

/** The part of conf's store API that migrations use; electron-store and conf both have it. */
export interface MigratableStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

/**
 * Brings any account written by an earlier build to the current layout: fields added since are
 * filled from the profile's defaults (never invented), and settings gain new keys' defaults.
 */
function migrateTo010(store: MigratableStore): void {
  const accounts = store.get('accounts');
  if (Array.isArray(accounts)) {
    store.set(
      'accounts',
      accounts.map((raw: Record<string, unknown>) => {
        const profile = profileFor(String(raw.profile))?.id ?? 'custom';
        return {
          ...raw,
          profile,
          oauthBase: raw.oauthBase ?? null,
          username: raw.username ?? null,
          format: raw.format ?? SERVER_PROFILES[profile].defaultFormat,
          notifyByDefault: raw.notifyByDefault ?? false,
          allowInsecureBasic: raw.allowInsecureBasic ?? false,
          hasUserSearch: raw.hasUserSearch ?? SERVER_PROFILES[profile].hasUserSearch,
          self: raw.self ?? null,
          sandbox: raw.sandbox ?? false,
          secretPersisted: raw.secretPersisted ?? false,
          createdAt: raw.createdAt ?? new Date(0).toISOString(),
        };
      }),
    );
  }
  const settings = store.get('settings');
  store.set('settings', { ...DEFAULT_SETTINGS, ...(typeof settings === 'object' ? settings : {}) });
}

/** The settings file's name (without `.json`), in the app's data directory. */
export const SETTINGS_FILE_NAME = 'settings';

/**
 * Options shared by electron-store (main, which adds `name` and uses the app's version) and
 * conf (tests and the headless harness, which add `configName`, `projectVersion` and `cwd`).
 */
export function settingsFileOptions() {
  return {
    defaults: {
      accounts: [],
      activeAccountId: null,
      secrets: {},
      settings: DEFAULT_SETTINGS,
      quickWindowPosition: null,
      firstRunDone: false,
    } satisfies SettingsFileData,
    schema: SETTINGS_FILE_SCHEMA,
    // Keyed by app version (electron-store uses the app's version as the project version).
    migrations: { '0.1.0': migrateTo010 },
    clearInvalidConfig: false,
  };
}

/** conf's options for the same file in `cwd`: what electron-store would open there. */
export function confSettingsFileOptions(cwd: string) {
  return { ...settingsFileOptions(), configName: SETTINGS_FILE_NAME, projectVersion: VERSION, cwd };
}

/** The settings with every key present (a file from an older build may lack new ones). */
export function readSettings(store: { get(key: 'settings'): Settings }): Settings {
  return { ...DEFAULT_SETTINGS, ...store.get('settings') };
}
