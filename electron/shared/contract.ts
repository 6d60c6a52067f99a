/**
 * The one IPC contract between the renderer and Electron main. Every channel is declared here
 * once — its name, the schema of what the renderer may send, and the type of what it gets back —
 * and everything else is derived from this table: main's handlers (`electron/main/ipc-handlers.ts`),
 * the preload's named functions, the renderer's `window.befriend` type (`BefriendApi`) and the
 * end-to-end harness's bindings. Adding a channel is one entry here plus one handler.
 *
 * Rules every channel follows:
 * - Requests are strict objects (unknown keys, `__proto__` included, are refused) with length caps.
 * - Nothing rejects across IPC: a bad payload resolves to `{ ok: false, error: { kind:
 *   'invalid_request', … } }`, and so does every other failure, as the `ApiError` of spec §4.
 * - Client results (follow, lookup, search, unfollow, verify) are exactly spec §7's.
 * - A request that may be slow (follow, lookup, search) can carry a `requestId` the renderer
 *   chose; `cancel` with that id aborts it in main, and it then answers with the client's
 *   cancelled `network` error.
 * - No secret ever travels main → renderer: account views carry no password, consumer secret,
 *   token or token secret.
 */
import { z } from 'zod';
import { LIMITS } from './limits.js';
import type { ServerProfileId } from '../../core/account.js';
import type { AccountsState, AccountView } from '../../core/accounts.js';
import type { Settings } from '../../core/app-store-schema.js';
import type { BadLine, BulkInputKind, DuplicateLine } from '../../core/bulk/parse-bulk-input.js';
import { BULK_ITEM_STATES, type BulkItem, type BulkProgress } from '../../core/bulk/bulk-types.js';
import type { HistoryEntry } from '../../core/history.js';
import type { SecretStorageStatus } from '../../core/secret-vault.js';
import type { ApiError, ErrorKind, RateLimit, User, UserResult, UsersResult } from '../../core/types.js';

export type { AccountsState, AccountView } from '../../core/accounts.js';
export type { Settings } from '../../core/app-store-schema.js';
export type { HistoryEntry, HistoryOutcome } from '../../core/history.js';
export type { BulkItem, BulkItemState, BulkProgress, BulkRunState, BulkStatus } from '../../core/bulk/bulk-types.js';
export type { BadLine, BulkInputKind, DuplicateLine } from '../../core/bulk/parse-bulk-input.js';
export type { SecretStorageStatus } from '../../core/secret-vault.js';
export type { ApiError, ErrorKind, RateLimit, User, UserResult, UsersResult } from '../../core/types.js';

// ---------------------------------------------------------------------------------------------
// Limits: in their own module, so the renderer can read them without bundling zod.

export { LIMITS } from './limits.js';

const FORMATS = ['xml', 'json'] as const;
const PROFILES = ['twitter-v1', 'twitter-v1.1', 'gnusocial', 'custom'] as const satisfies readonly ServerProfileId[];
const NUMERIC_CHOICES = ['screen_name', 'user_id'] as const;

const id = z.string().min(1).max(LIMITS.id).regex(/^[A-Za-z0-9_-]+$/, 'an id has only letters, digits, "_" and "-"');
const httpUrl = z
  .string()
  .min(1)
  .max(LIMITS.url)
  .refine((value) => {
    try {
      const { protocol } = new URL(value);
      return protocol === 'http:' || protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// address');
const format = z.enum(FORMATS);
/** Unique among the calling window's requests in flight; the renderer picks it. */
const requestId = z
  .string()
  .min(1)
  .max(LIMITS.requestId)
  .regex(/^[A-Za-z0-9_-]+$/, 'a request id has only letters, digits, "_" and "-"');
const label = z.string().trim().min(1).max(LIMITS.label);

/** What a person typed plus how to read it; mirrors `parseTarget`'s options. */
const targetFields = {
  /** The account making the call; the active account when absent. */
  accountId: id.optional(),
  /** `@name`, `name`, `12345` or a profile URL, as typed. */
  target: z.string().max(LIMITS.target),
  /** How bare digits are meant; without it an all-digits target is refused as ambiguous. */
  numericAs: z.enum(NUMERIC_CHOICES).optional(),
  /** Send the `{id}` path form (for servers that need it). */
  idInPath: z.boolean().optional(),
  /** Overrides the account's default format for this call. */
  format: format.optional(),
};

/** Makes the call cancellable through `cancel`. */
const cancellable = { requestId: requestId.optional() };

const basicCredentials = z.strictObject({
  mode: z.literal('basic'),
  username: z.string().min(1).max(LIMITS.username),
  password: z.string().min(1).max(LIMITS.password),
});
const oauthCredentials = z.strictObject({
  mode: z.literal('oauth'),
  consumerKey: z.string().min(1).max(LIMITS.oauthValue),
  consumerSecret: z.string().min(1).max(LIMITS.oauthValue),
  token: z.string().min(1).max(LIMITS.oauthValue),
  tokenSecret: z.string().min(1).max(LIMITS.oauthValue),
});
const credentials = z.discriminatedUnion('mode', [basicCredentials, oauthCredentials]);

/** Server settings shared by both add-account flows. */
const serverFields = {
  label: label.optional(),
  profile: z.enum(PROFILES),
  apiBase: httpUrl,
  /** Where request_token / authorize / access_token live; from the profile when absent. */
  oauthBase: httpUrl.optional(),
  format: format.optional(),
  /** The default of the "notify me" toggle (sends `follow=true`) for this account. */
  notifyByDefault: z.boolean().optional(),
  /** Allow Basic over plain http:// to a non-loopback host (spec §2). Off unless asked. */
  allowInsecureBasic: z.boolean().optional(),
  /** Whether the server has users/search; from the profile when absent. */
  hasUserSearch: z.boolean().optional(),
};

const empty = z.strictObject({}).default({});

/** Bulk channels act on one account's list: the active account's when absent. */
const bulkAccount = { accountId: id.optional() };
/** Follows per minute at most; null lets the server's rate limit decide. */
const pacePerMinute = z.number().positive().max(LIMITS.bulkPacePerMinute).nullable();
const concurrency = z.number().int().min(1).max(LIMITS.bulkConcurrency);
const bulkText = {
  text: z.string().max(LIMITS.bulkText),
  /** What a bare number on a plain-text line means; user_id when absent. */
  numericAs: z.enum(NUMERIC_CHOICES).optional(),
};

// ---------------------------------------------------------------------------------------------
// Shapes main sends back.

/** Any failure over IPC. Client failures also carry the rate limit the server reported. */
export interface IpcFailure {
  ok: false;
  error: ApiError;
  rateLimit: RateLimit | null;
}

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

type Ok<T> = { ok: true } & T;
type Res<T> = Ok<T> | IpcFailure;

export type AccountsResult = Res<AccountsState>;
export type AccountResult = Res<{ account: AccountView }>;
export type OAuthStartResult = Res<{ flowId: string; authorizeUrl: string }>;
export type SandboxResult = Res<{ account: AccountView; apiBase: string }>;
export type SettingsResult = Res<SettingsState>;
export type HistoryResult = Res<{ entries: HistoryEntry[] }>;
export type ShortcutResult = Res<{ accelerator: string }>;
export type ShortcutTestResult = Res<{ accelerator: string; available: boolean; reason: string | null }>;
export type DoneResult = Res<Record<never, never>>;
/**
 * A follow in one round trip: on a refusal of kind `already_following` or `request_pending`,
 * `user` is who main looked up for the card (null when that look-up failed).
 */
export type FollowResult =
  | { ok: true; user: User; rateLimit: RateLimit | null }
  | { ok: false; error: ApiError; rateLimit: RateLimit | null; user?: User | null };
/** `cancelled` is false when no request of that id was in flight (unknown, or already finished). */
export type CancelResult = Res<{ cancelled: boolean }>;

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

export type BulkPreviewResult = Res<{ preview: BulkPreviewView }>;
/** `job` is null when the account has no bulk follow, running or kept. */
export type BulkJobResult = Res<{ job: BulkJobView | null }>;
export type BulkItemsResult = Res<{ total: number; items: BulkItem[] }>;
/** `path` is null when the person closed the save dialog without saving. */
export type BulkExportResult = Res<{ path: string | null; rows: number }>;

// ---------------------------------------------------------------------------------------------
// The channels.

/** The response type rides along as a phantom: it exists only for the type checker. */
export interface ChannelSpec<S extends z.ZodType, R> {
  readonly request: S;
  readonly response?: R;
}

function channel<R extends Ok<object> | IpcFailure>() {
  return <S extends z.ZodType>(request: S): ChannelSpec<S, R> => ({ request });
}

/** Every channel the issue names; the table below must have exactly these. */
export type ChannelName =
  | 'follow'
  | 'lookup'
  | 'search'
  | 'unfollow'
  | 'cancel'
  | 'listAccounts'
  | 'addAccount'
  | 'updateAccount'
  | 'removeAccount'
  | 'switchAccount'
  | 'verifyAccount'
  | 'startOAuth'
  | 'finishOAuth'
  | 'startSandbox'
  | 'getSettings'
  | 'setSettings'
  | 'listHistory'
  | 'clearHistory'
  | 'setShortcut'
  | 'testShortcut'
  | 'openExternal'
  | 'showInMain'
  | 'closeQuickFollow'
  | 'bulkPreview'
  | 'bulkStart'
  | 'bulkPause'
  | 'bulkResume'
  | 'bulkCancel'
  | 'bulkRetryFailed'
  | 'bulkSetOptions'
  | 'bulkStatus'
  | 'bulkItems'
  | 'bulkExportCsv';

export const contract = {
  /** friendships/create by the chosen account. Notify defaults to the account's setting. */
  follow: channel<FollowResult>()(
    z.strictObject({ ...targetFields, ...cancellable, notify: z.boolean().optional() }),
  ),
  /** users/show: look someone up before following. */
  lookup: channel<UserResult>()(z.strictObject({ ...targetFields, ...cancellable })),
  /** users/search (users/show where the server has none), for search-as-you-type. */
  search: channel<UsersResult>()(
    z.strictObject({
      accountId: id.optional(),
      query: z.string().trim().min(1).max(LIMITS.query),
      count: z.number().int().min(1).max(LIMITS.searchCount).optional(),
      format: format.optional(),
      ...cancellable,
    }),
  ),
  /** friendships/destroy: undo a follow. */
  unfollow: channel<UserResult>()(z.strictObject(targetFields)),
  /**
   * Aborts the calling window's follow, lookup or search sent with this `requestId`. A follow
   * already sent may still have reached the server; a cancelled follow is not kept in history.
   */
  cancel: channel<CancelResult>()(z.strictObject({ requestId })),

  listAccounts: channel<AccountsResult>()(empty),
  /** Adds an account after verify_credentials accepts it; the new account becomes active. */
  addAccount: channel<AccountResult>()(z.strictObject({ ...serverFields, credentials })),
  /** Changes an account; `credentials` replaces its secret (re-verified first). */
  updateAccount: channel<AccountResult>()(
    z.strictObject({
      id,
      label: label.optional(),
      apiBase: httpUrl.optional(),
      oauthBase: httpUrl.nullable().optional(),
      format: format.optional(),
      notifyByDefault: z.boolean().optional(),
      allowInsecureBasic: z.boolean().optional(),
      hasUserSearch: z.boolean().optional(),
      credentials: credentials.optional(),
    }),
  ),
  removeAccount: channel<AccountsResult>()(z.strictObject({ id })),
  switchAccount: channel<AccountsResult>()(z.strictObject({ id })),
  /** account/verify_credentials for a saved account; refreshes who it signs in as. */
  verifyAccount: channel<UserResult>()(z.strictObject({ id })),

  /**
   * OAuth PIN flow, step 1: gets a request token and opens the authorize page in the system
   * browser. The consumer secret stays in main, tied to the returned `flowId`.
   */
  startOAuth: channel<OAuthStartResult>()(
    z.strictObject({
      ...serverFields,
      consumerKey: z.string().min(1).max(LIMITS.oauthValue),
      consumerSecret: z.string().min(1).max(LIMITS.oauthValue),
    }),
  ),
  /** Step 2: exchanges the PIN for tokens, verifies them and saves the account (active). */
  finishOAuth: channel<AccountResult>()(
    z.strictObject({
      flowId: id,
      pin: z.string().trim().min(1).max(LIMITS.pin).regex(/^[A-Za-z0-9]+$/, 'a PIN has only letters and digits'),
    }),
  ),

  /** "Try the sandbox": starts the embedded server (once) and makes its demo account active. */
  startSandbox: channel<SandboxResult>()(empty),

  getSettings: channel<SettingsResult>()(empty),
  /** Changes some settings; the shortcut goes through `setShortcut` (it can fail). */
  setSettings: channel<SettingsResult>()(
    z.strictObject({
      shortcutEnabled: z.boolean().optional(),
      trayEnabled: z.boolean().optional(),
      notificationsEnabled: z.boolean().optional(),
      quickNumericAs: z.enum(NUMERIC_CHOICES).optional(),
      persistSecretsWithoutKeyring: z.boolean().optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
    }),
  ),

  /** Newest first. */
  listHistory: channel<HistoryResult>()(
    z.strictObject({ limit: z.number().int().min(1).max(LIMITS.historyPage).optional() }).default({}),
  ),
  clearHistory: channel<HistoryResult>()(empty),

  /**
   * Registers a new quick-follow accelerator. When the system refuses it, the previous working
   * one stays registered and the failure says so.
   */
  setShortcut: channel<ShortcutResult>()(
    z.strictObject({ accelerator: z.string().trim().min(1).max(LIMITS.accelerator) }),
  ),
  /** Whether an accelerator could be registered now, without changing the active one. */
  testShortcut: channel<ShortcutTestResult>()(
    z.strictObject({ accelerator: z.string().trim().min(1).max(LIMITS.accelerator) }),
  ),

  /** Opens an http(s) address in the system browser; anything else is refused. */
  openExternal: channel<DoneResult>()(z.strictObject({ url: httpUrl })),
  /** Brings the main window forward showing this profile (from the quick-follow window). */
  showInMain: channel<DoneResult>()(
    z.strictObject({ target: z.string().min(1).max(LIMITS.target), accountId: id.optional() }),
  ),
  /** Closes the quick-follow window (it also closes on Esc and when it loses focus). */
  closeQuickFollow: channel<DoneResult>()(empty),

  /**
   * Reads a pasted or imported list (plain text, CSV, following.js) and counts it: valid, bad
   * lines with their numbers, duplicates, and, for up to `lookups` entries, who is already
   * followed. Nothing is followed.
   */
  bulkPreview: channel<BulkPreviewResult>()(
    z.strictObject({ ...bulkAccount, ...bulkText, lookups: z.number().int().min(0).max(LIMITS.bulkPreviewChecks).optional() }),
  ),
  /**
   * Reads the list again in main (bad lines are never queued) and follows everyone in it through
   * the durable queue kept under `<userData>/bulk/<accountId>`. Refused while the account's last
   * list is unfinished: resume or cancel it first.
   */
  bulkStart: channel<BulkJobResult>()(
    z.strictObject({
      ...bulkAccount,
      ...bulkText,
      concurrency: concurrency.optional(),
      pacePerMinute: pacePerMinute.optional(),
      notify: z.boolean().optional(),
    }),
  ),
  /** Sends nothing more until resumed; requests already out finish. */
  bulkPause: channel<BulkJobResult>()(z.strictObject(bulkAccount).default({})),
  /** Continues after a pause, a cancel, a restart or a new sign-in (with the account's current secret). */
  bulkResume: channel<BulkJobResult>()(z.strictObject(bulkAccount).default({})),
  /** What is still pending becomes cancelled; Resume or Retry failed queues it again. */
  bulkCancel: channel<BulkJobResult>()(z.strictObject(bulkAccount).default({})),
  /** Queues failed and cancelled accounts again. */
  bulkRetryFailed: channel<BulkJobResult>()(z.strictObject(bulkAccount).default({})),
  bulkSetOptions: channel<BulkJobResult>()(
    z.strictObject({ ...bulkAccount, concurrency: concurrency.optional(), pacePerMinute: pacePerMinute.optional() }),
  ),
  /** The account's bulk follow now; a list left unfinished by a quit or crash comes back paused. */
  bulkStatus: channel<BulkJobResult>()(z.strictObject(bulkAccount).default({})),
  /** A page of the list, in queue order, filtered by state and by text in the name. */
  bulkItems: channel<BulkItemsResult>()(
    z.strictObject({
      ...bulkAccount,
      states: z.array(z.enum(BULK_ITEM_STATES as [BulkItem['state'], ...BulkItem['state'][]])).max(BULK_ITEM_STATES.length).optional(),
      search: z.string().max(LIMITS.query).optional(),
      offset: z.number().int().min(0).max(LIMITS.bulkEntries).optional(),
      limit: z.number().int().min(1).max(LIMITS.bulkPage).optional(),
    }),
  ),
  /** Saves the results as CSV where the person chooses (a save dialog). */
  bulkExportCsv: channel<BulkExportResult>()(z.strictObject(bulkAccount).default({})),
} satisfies { [K in ChannelName]: ChannelSpec<z.ZodType, unknown> };

export type Contract = typeof contract;
export type RequestOf<K extends ChannelName> = z.input<Contract[K]['request']>;
/** The payload after validation (defaults filled in, strings trimmed). */
export type ParsedRequestOf<K extends ChannelName> = z.output<Contract[K]['request']>;
export type ResponseOf<K extends ChannelName> = NonNullable<Contract[K]['response']>;

export const CHANNEL_NAMES = Object.keys(contract) as ChannelName[];

/** Compile-time: the table has no channel outside `ChannelName` and misses none. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const everyChannelDeclared: Exact<keyof Contract, ChannelName> = true;
void everyChannelDeclared;

/** Compile-time: every response can carry the failure `invalidRequest` builds. */
type ChannelsWithoutFailure = {
  [K in ChannelName]: IpcFailure extends ResponseOf<K> ? never : K;
}[ChannelName];
const everyResponseCanFail: Exact<ChannelsWithoutFailure, never> = true;
void everyResponseCanFail;

/** The IPC channel string for a contract entry. */
export function ipcChannel(name: ChannelName): string {
  return `befriend:${name}`;
}

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && Object.hasOwn(contract, value);
}

// ---------------------------------------------------------------------------------------------
// Events main sends to the renderer.

const count = z.number().int().nonnegative();
const bulkJobView = z.strictObject({
  accountId: id,
  accountLabel: z.string(),
  options: z.strictObject({ concurrency: count, pacePerMinute: z.number().nullable(), notify: z.boolean() }),
  progress: z.strictObject({
    total: count,
    counts: z.strictObject({ pending: count, in_flight: count, done: count, failed: count, cancelled: count }),
    outcomes: z.strictObject({ followed: count, already_following: count, request_pending: count }),
    status: z.strictObject({
      state: z.enum(['idle', 'running', 'waiting', 'paused', 'needs_sign_in', 'finished', 'cancelled', 'stopped']),
      reason: z.enum(['rate_limit', 'follow_limit', 'backoff', 'storage', 'wait_too_long', 'closed']).nullable(),
      until: z.string().nullable(),
      message: z.string().nullable(),
    }),
    rateLimit: z.strictObject({ limit: z.number().nullable(), remaining: z.number().nullable(), resetAt: z.string().nullable() }).nullable(),
    etaSeconds: z.number().nullable(),
  }),
});

export const events = {
  /**
   * Show this profile in the main window: from the tray's recent follows, a notification click
   * or a `befriend://follow/<name>` link. `intent: 'follow'` means "offer to follow" — the
   * renderer shows the card with the Follow button ready; it never follows by itself, because a
   * link on any web page can trigger this.
   */
  openProfile: z.strictObject({
    target: z.string().min(1).max(LIMITS.target),
    accountId: id.nullable(),
    intent: z.enum(['show', 'follow']),
    source: z.enum(['tray', 'notification', 'deep-link', 'quick-follow']),
  }),
  /** Something main owns changed: refetch it. */
  changed: z.strictObject({ topic: z.enum(['accounts', 'settings', 'history']) }),
  /** Tell the person something (a shortcut refused, secrets kept for this session only, …). */
  notice: z.strictObject({
    level: z.enum(['info', 'warning', 'error']),
    message: z.string().max(1000),
  }),
  /** A bulk follow moved on: at most about ten a second per account, and always its last state. */
  bulk: z.strictObject({ accountId: id, job: bulkJobView }),
} as const;

/** Compile-time: the pushed job is exactly the job the channels answer with. */
const bulkEventCarriesTheJob: Exact<z.output<typeof bulkJobView>, BulkJobView> = true;
void bulkEventCarriesTheJob;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function ipcEventChannel(name: EventName): string {
  return `befriend:event:${name}`;
}

/** `openProfile` → `onOpenProfile`. */
export type EventMethodName<K extends EventName> = `on${Capitalize<K>}`;

// ---------------------------------------------------------------------------------------------
// The renderer's API (`window.befriend`).

type Invoke<K extends ChannelName> = undefined extends RequestOf<K>
  ? (request?: RequestOf<K>) => Promise<ResponseOf<K>>
  : (request: RequestOf<K>) => Promise<ResponseOf<K>>;

type Subscribe<K extends EventName> = (listener: (payload: EventPayload<K>) => void) => () => void;

export type BefriendApi = { readonly [K in ChannelName]: Invoke<K> } & {
  readonly [K in EventName as EventMethodName<K>]: Subscribe<K>;
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

// ---------------------------------------------------------------------------------------------
// Failures.

export function invalidRequest(message: string): IpcFailure {
  return { ok: false, error: { kind: 'invalid_request', status: null, code: null, message }, rateLimit: null };
}

export function failure(kind: ErrorKind, message: string): IpcFailure {
  return { ok: false, error: { kind, status: null, code: null, message }, rateLimit: null };
}

/** A zod error as one sentence naming the fields, never echoing the values sent. */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
    if (issue.code === 'unrecognized_keys') {
      return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .slice(0, 5)
        .map((key) => JSON.stringify(key.slice(0, 40)))
        .join(', ')}`;
    }
    return `${where}: ${issue.message}`;
  });
  return `Invalid request (${parts.join('; ')}).`;
}
