/**
 * What the IPC handlers need from the rest of main, as plain interfaces. Electron main fills
 * them with Electron (tray, shortcut, shell, notifications); the headless harness and the tests
 * fill them without it. This module imports nothing from `electron`.
 */
import type { AccountsService } from '../../core/accounts.js';
import type { BefriendClient } from '../../core/client-api.js';
import type { HistoryLog } from '../../core/history.js';
import type { Result } from '../../core/result.js';
import type { SettingsFile } from '../../core/settings-file.js';
import type { User } from '../../core/types.js';
import type { EventName, EventPayload } from '../shared/contract.js';
import type { BulkService } from './bulk-service.js';

/** Which of our windows called: the quick-follow window gets a notification after a follow. */
export interface CallContext {
  window: 'main' | 'quick';
}

export interface SandboxInfo {
  apiBase: string;
  oauthBase: string;
  demo: { screenName: string; userId: string; username: string; password: string };
}

export interface SandboxPort {
  /** Starts the embedded sandbox once per session; later calls return the running one. */
  ensure(): Promise<SandboxInfo>;
}

/** The accelerator now registered, or why not (a sentence for people). */
export type ShortcutChange = Result<{ accelerator: string }, string>;

export interface ShortcutPort {
  /** Registers `accelerator`; on refusal the previous working one stays registered. */
  set(accelerator: string): ShortcutChange;
  test(accelerator: string): { available: boolean; reason: string | null };
  setEnabled(enabled: boolean, accelerator: string): ShortcutChange | null;
  status(): { active: string | null; problem: string | null };
}

export interface TrayPort {
  setEnabled(enabled: boolean): void;
  isActive(): boolean;
  /** Rebuilds the menu (recent follows changed). */
  refresh(): void;
  /** The tooltip while a bulk follow exists (its progress); null for the plain one. */
  setTooltip(text: string | null): void;
}

export interface DesktopPort {
  /** Opens an http(s) address in the system browser; refuses anything else. */
  openExternal(url: string): Promise<boolean>;
  showProfile(event: EventPayload<'openProfile'>): void;
  closeQuickFollow(): void;
  /** "Now following @name"; a click opens the profile in the main window. */
  notifyFollowed(user: User, accountId: string, outcome: 'followed' | 'request_pending' | 'already_following'): void;
  /** "Bulk follow finished" and the like; a click brings the main window forward. */
  notifyBulk(text: { title: string; body: string }, accountId: string): void;
  /** Asks where to save (a save dialog) and writes the file; null when the person cancels. */
  saveFile(defaultName: string, content: string): Promise<string | null>;
  /** Sends an event to every renderer window. */
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
}

export interface MainServices {
  client: BefriendClient;
  store: SettingsFile;
  accounts: AccountsService;
  history: HistoryLog;
  bulk: BulkService;
  sandbox: SandboxPort;
  shortcut: ShortcutPort;
  tray: TrayPort;
  desktop: DesktopPort;
  platform: string;
  dataDir: string;
  /** Diagnostics; never given a secret or a payload. */
  log: (message: string) => void;
}
