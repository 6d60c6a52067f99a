/**
 * The one IPC contract between the renderer and Electron main: every channel's name, what the
 * renderer may send (`requests.ts`) and what it gets back, and the events main pushes. Plain
 * types and a few small functions, no schema library: the preload bundles this module. Adding a
 * channel is one entry in `CHANNELS`, its request and response here, its schema and its handler
 * in main.
 *
 * Rules every channel follows:
 * - Requests are strict objects (unknown keys, `__proto__` included, are refused) with length caps.
 * - Nothing rejects across IPC: a bad payload resolves to `{ ok: false, error: { kind:
 *   'invalid_request', … } }`, and so does every other failure, as the `ApiError` of spec §4.
 * - Client results (follow, lookup, search, unfollow, verify) are spec §7's.
 * - A request that may be slow (follow, lookup, search) can carry a `requestId` the renderer
 *   chose; `cancel` with that id aborts it in main, and it then answers with the client's
 *   cancelled `network` error.
 * - No secret ever travels main → renderer: account views carry no password, consumer secret,
 *   token or token secret.
 */
import type { AccountsState, AccountView } from '../../core/accounts.js';
import type { Settings } from '../../core/settings-file.js';
import type { BadLine, BulkInputKind, DuplicateLine } from '../../core/bulk/parse-bulk-input.js';
import type { BulkItem, BulkProgress } from '../../core/bulk/bulk-types.js';
import type { HistoryEntry } from '../../core/history-entry.js';
import type { Failure, Result } from '../../core/result.js';
import type { SecretStorageStatus } from '../../core/secret-vault.js';
import type { ApiError, ErrorKind, RateLimit, User, UserResult, UsersResult } from '../../core/types.js';
import type { MoveFollowsPreviewView } from './move-follows-view.js';
import type { Requests } from './requests.js';

export type { AccountsState, AccountView } from '../../core/accounts.js';
export type { Settings } from '../../core/settings-file.js';
export type { HistoryEntry, HistoryOutcome, HistoryUser } from '../../core/history-entry.js';
export type { BulkItem, BulkItemState, BulkProgress, BulkRunState, BulkStatus } from '../../core/bulk/bulk-types.js';
export type { BadLine, BulkInputKind, DuplicateLine } from '../../core/bulk/parse-bulk-input.js';
export type { SecretStorageStatus } from '../../core/secret-vault.js';
export type { ApiError, ErrorKind, RateLimit, User, UserResult, UsersResult } from '../../core/types.js';

export { LIMITS } from './limits.js';
export type { MoveFollowsPreviewView, MovePersonView } from './move-follows-view.js';

/** Any failure over IPC. Client failures also carry the rate limit the server reported. */
export interface IpcFailure extends Failure {
  rateLimit: RateLimit | null;
}

/** What was asked for, or an `IpcFailure`. */
export type IpcResult<T extends object> = Exclude<Result<T>, Failure> | IpcFailure;

/**
 * A follow. Refused as `already_following` or `request_pending`, it also carries the person
 * (looked up by main, so the renderer needs no second call), or null when that look-up failed;
 * other failures carry no `user`.
 */
export type FollowResult =
  | { ok: true; user: User; rateLimit: RateLimit | null }
  | { ok: false; error: ApiError; rateLimit: RateLimit | null; user?: User | null };

export interface SettingsState {
  settings: Settings;
  status: {
    /** The accelerator actually registered, or null (none, Wayland without the portal, taken). */
    shortcutActive: string | null;
    /** Why the chosen shortcut is not the active one, for people; null when it is. */
    shortcutProblem: string | null;
    trayActive: boolean;
    secretStorage: SecretStorageStatus;
    platform: string;
    /** Where accounts, settings and history are stored. */
    dataDir: string;
  };
}

export type AccountsResult = IpcResult<AccountsState>;
export type AccountResult = IpcResult<{ account: AccountView }>;
export type OAuthStartResult = IpcResult<{ flowId: string; authorizeUrl: string }>;
export type SettingsResult = IpcResult<SettingsState>;
type DoneResult = IpcResult<Record<never, never>>;

/** What a list holds before anything is sent. Line lists are capped; the counts are complete. */
export interface BulkPreviewView {
  kind: BulkInputKind;
  valid: number;
  badCount: number;
  bad: BadLine[];
  duplicateCount: number;
  duplicates: DuplicateLine[];
  /** Entries looked up (users/show), out of `valid`. */
  checked: number;
  /** Lines of the looked-up entries the account already follows (or has asked to). */
  alreadyFollowingLines: number[];
  /** Looked-up entries the server does not know or will not show. */
  unavailableLines: number[];
  /** Look-ups that could not say (network, rate limit). */
  unknown: number;
}

export interface BulkJobOptions {
  concurrency: number;
  pacePerMinute: number | null;
  /** Sends `follow=true` (their updates by SMS) with each follow. */
  notify: boolean;
}

/** One account's bulk follow as it stands. */
export interface BulkJobView {
  accountId: string;
  accountLabel: string;
  options: BulkJobOptions;
  progress: BulkProgress;
}

/** `job` is null when the account has no bulk follow, running or kept. */
export type BulkJobResult = IpcResult<{ job: BulkJobView | null }>;

/** What each channel answers. */
interface Responses {
  /** friendships/create by the chosen account. Notify defaults to the account's setting. */
  follow: FollowResult;
  /** users/show: look someone up before following. */
  lookup: UserResult;
  /** users/search (users/show where the server has none), for search-as-you-type. */
  search: UsersResult;
  /** friendships/destroy: undo a follow. */
  unfollow: UserResult;
  /**
   * Aborts the calling window's follow, lookup or search sent with this `requestId`; false when
   * none was in flight. A follow already sent may still have reached the server; a cancelled
   * follow is not kept in history.
   */
  cancel: IpcResult<{ cancelled: boolean }>;
  listAccounts: AccountsResult;
  /** Adds an account after verify_credentials accepts it; the new account becomes active. */
  addAccount: AccountResult;
  /** Changes an account; `credentials` replaces its secret (re-verified first). */
  updateAccount: AccountResult;
  removeAccount: AccountsResult;
  switchAccount: AccountsResult;
  /** account/verify_credentials for a saved account; refreshes who it signs in as. */
  verifyAccount: UserResult;
  /**
   * OAuth PIN flow, step 1: gets a request token and opens the authorize page in the system
   * browser. The consumer secret stays in main, tied to the returned `flowId`.
   */
  startOAuth: OAuthStartResult;
  /** Step 2: exchanges the PIN for tokens, verifies them and saves the account (active). */
  finishOAuth: AccountResult;
  /** "Try the sandbox": starts the embedded server (once) and makes its demo account active. */
  startSandbox: IpcResult<{ account: AccountView; apiBase: string }>;
  getSettings: SettingsResult;
  /** Changes some settings; the shortcut goes through `setShortcut` (it can fail). */
  setSettings: SettingsResult;
  /** Newest first. */
  listHistory: IpcResult<{ entries: HistoryEntry[] }>;
  clearHistory: IpcResult<{ entries: HistoryEntry[] }>;
  /**
   * Registers a new quick-follow accelerator. When the system refuses it, the previous working
   * one stays registered and the failure says so.
   */
  setShortcut: IpcResult<{ accelerator: string }>;
  /** Whether an accelerator could be registered now, without changing the active one. */
  testShortcut: IpcResult<{ accelerator: string; available: boolean; reason: string | null }>;
  /** Opens an http(s) address in the system browser; anything else is refused. */
  openExternal: DoneResult;
  /** Brings the main window forward showing this profile (from the quick-follow window). */
  showInMain: DoneResult;
  /** Closes the quick-follow window (it also closes on Esc and when it loses focus). */
  closeQuickFollow: DoneResult;
  /**
   * Reads a pasted or imported list (plain text, CSV, following.js) and counts it: valid, bad
   * lines with their numbers, duplicates, and, for up to `lookups` entries, who is already
   * followed. Nothing is followed.
   */
  bulkPreview: IpcResult<{ preview: BulkPreviewView }>;
  /**
   * Reads the list again in main (bad lines are never queued) and follows everyone in it through
   * the durable queue kept under `<userData>/bulk/<accountId>`. Refused while the account's last
   * list is unfinished: resume or cancel it first.
   */
  bulkStart: BulkJobResult;
  /** Sends nothing more until resumed; requests already out finish. */
  bulkPause: BulkJobResult;
  /** Continues after a pause, a cancel, a restart or a new sign-in (with the account's current secret). */
  bulkResume: BulkJobResult;
  /** What is still pending becomes cancelled; Resume or Retry failed queues it again. */
  bulkCancel: BulkJobResult;
  /** Queues failed and cancelled accounts again. */
  bulkRetryFailed: BulkJobResult;
  bulkSetOptions: BulkJobResult;
  /** The account's bulk follow now; a list left unfinished by a quit or crash comes back paused. */
  bulkStatus: BulkJobResult;
  /** A page of the list, in queue order, filtered by state and by text in the name. */
  bulkItems: IpcResult<{ total: number; items: BulkItem[] }>;
  /** Saves the results as CSV where the person chooses (a save dialog); `path` null when they did not. */
  bulkExportCsv: IpcResult<{ path: string | null; rows: number }>;
  /** Reads who the "from" account follows and matches them for the "to" account; nothing is followed. */
  moveFollowsPreview: IpcResult<{ preview: MoveFollowsPreviewView }>;
  /**
   * Plans the move again in main and follows the matched people as the "to" account, through its
   * bulk follow (the job `bulkStatus` and the other bulk channels show and steer).
   */
  moveFollowsStart: BulkJobResult;
}

export type ChannelName = keyof Responses;
export type RequestOf<K extends ChannelName> = Requests[K];
export type ResponseOf<K extends ChannelName> = Responses[K];

/** Every channel once: an object, so a name cannot be listed twice nor missed (`satisfies`). */
const CHANNELS = {
  follow: true,
  lookup: true,
  search: true,
  unfollow: true,
  cancel: true,
  listAccounts: true,
  addAccount: true,
  updateAccount: true,
  removeAccount: true,
  switchAccount: true,
  verifyAccount: true,
  startOAuth: true,
  finishOAuth: true,
  startSandbox: true,
  getSettings: true,
  setSettings: true,
  listHistory: true,
  clearHistory: true,
  setShortcut: true,
  testShortcut: true,
  openExternal: true,
  showInMain: true,
  closeQuickFollow: true,
  bulkPreview: true,
  bulkStart: true,
  bulkPause: true,
  bulkResume: true,
  bulkCancel: true,
  bulkRetryFailed: true,
  bulkSetOptions: true,
  bulkStatus: true,
  bulkItems: true,
  bulkExportCsv: true,
  moveFollowsPreview: true,
  moveFollowsStart: true,
} as const satisfies Record<ChannelName, true>;

export const CHANNEL_NAMES = Object.keys(CHANNELS) as ChannelName[];

export type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time: every channel has a request, and every response can carry `invalidRequest`'s failure. */
type ChannelsWithoutFailure = { [K in ChannelName]: IpcFailure extends ResponseOf<K> ? never : K }[ChannelName];
const tablesAgree: Exact<keyof Requests, ChannelName> & Exact<ChannelsWithoutFailure, never> = true;
void tablesAgree;

export function ipcChannel(name: ChannelName): string {
  return `befriend:${name}`;
}

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(CHANNELS, value);
}

interface EventPayloads {
  /**
   * Show this profile in the main window: from the tray's recent follows, a notification click
   * or a `befriend://follow/<name>` link. `intent: 'follow'` means "offer to follow" — the
   * renderer shows the card with the Follow button ready; it never follows by itself, because a
   * link on any web page can trigger this.
   */
  openProfile: {
    target: string;
    accountId: string | null;
    intent: 'show' | 'follow';
    source: 'tray' | 'notification' | 'deep-link' | 'quick-follow';
  };
  /** Something main owns changed: refetch it. */
  changed: { topic: 'accounts' | 'settings' | 'history' };
  /** Tell the person something (a shortcut refused, secrets kept for this session only, …). */
  notice: { level: 'info' | 'warning' | 'error'; message: string };
  /** A bulk follow moved on: at most about ten a second per account, and always its last state. */
  bulk: { accountId: string; job: BulkJobView };
}

export type EventName = keyof EventPayloads;
export type EventPayload<K extends EventName> = EventPayloads[K];

const EVENTS = { openProfile: true, changed: true, notice: true, bulk: true } as const satisfies Record<EventName, true>;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(EVENTS, value);
}

export function ipcEventChannel(name: EventName): string {
  return `befriend:event:${name}`;
}

type Invoke<K extends ChannelName> = undefined extends RequestOf<K>
  ? (request?: RequestOf<K>) => Promise<ResponseOf<K>>
  : (request: RequestOf<K>) => Promise<ResponseOf<K>>;

type Subscribe<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;

export type BefriendApi = { readonly [K in ChannelName]: Invoke<K> } & {
  readonly [K in EventName as `on${Capitalize<K>}`]: Subscribe<K>;
};

/**
 * Builds `window.befriend` from a transport. The preload passes `ipcRenderer.invoke` / `.on`;
 * the end-to-end harness passes Playwright bindings. It references nothing outside itself so it
 * can also be serialized into a page (e.g. `page.addInitScript`), given the name lists.
 */
export function createBefriendApi(
  names: { channels: readonly string[]; events: readonly string[] },
  invoke: (channel: string, payload: unknown) => Promise<unknown>,
  subscribe: (event: string, listener: (payload: unknown) => void) => () => void,
): BefriendApi {
  const api: Record<string, unknown> = {};
  for (const name of names.channels) {
    api[name] = (payload?: unknown) => invoke(name, payload);
  }
  for (const name of names.events) {
    const method = `on${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    api[method] = (listener: (payload: unknown) => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${method} needs a function`);
      return subscribe(name, (payload) => listener(payload));
    };
  }
  return Object.freeze(api) as BefriendApi;
}

export function failure(kind: ErrorKind, message: string): IpcFailure {
  return { ok: false, error: { kind, status: null, code: null, message }, rateLimit: null };
}

export function invalidRequest(message: string): IpcFailure {
  return failure('invalid_request', message);
}
