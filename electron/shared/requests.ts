/**
 * What the renderer may send on each channel, as plain types: the preload and the renderer need
 * them, not the schemas that check them (those live in main, `electron/main/ipc/schemas.ts`, and
 * are checked at compile time to accept exactly these shapes). Size caps are in `limits.ts`.
 */
import type { Credentials, ServerProfileId } from '../../core/account.js';
import type { BulkItemState } from '../../core/bulk/bulk-types.js';
import type { Settings } from '../../core/settings-file.js';
import type { NumericChoice } from '../../core/target.js';
import type { Format } from '../../core/types.js';

/** Channels that take no fields: nothing, or an empty object. */
export type NoFields = Record<string, never> | undefined;

/** What a person typed plus how to read it; mirrors `parseTarget`'s options. */
export interface TargetRequest {
  /** The account making the call; the active account when absent. */
  accountId?: string | undefined;
  /** `@name`, `name`, `12345` or a profile URL, as typed. */
  target: string;
  /** How bare digits are meant; without it an all-digits target is refused as ambiguous. */
  numericAs?: NumericChoice | undefined;
  /** Send the `{id}` path form (for servers that need it). */
  idInPath?: boolean | undefined;
  /** Overrides the account's default format for this call. */
  format?: Format | undefined;
}

/** A request `cancel` can abort: the id is unique among the calling window's requests in flight. */
export interface CancellableRequest {
  requestId?: string | undefined;
}

export interface FollowRequest extends TargetRequest, CancellableRequest {
  /** Sends `follow=true`; the account's default when absent. */
  notify?: boolean | undefined;
}

export interface LookupRequest extends TargetRequest, CancellableRequest {}

export interface SearchRequest extends CancellableRequest {
  accountId?: string | undefined;
  query: string;
  count?: number | undefined;
  format?: Format | undefined;
}

export interface CancelRequest {
  requestId: string;
}

/** Server settings shared by both add-account flows. */
export interface ServerFields {
  label?: string | undefined;
  profile: ServerProfileId;
  apiBase: string;
  /** Where request_token / authorize / access_token live; from the profile when absent. */
  oauthBase?: string | undefined;
  format?: Format | undefined;
  /** The default of the "notify me" toggle (sends `follow=true`) for this account. */
  notifyByDefault?: boolean | undefined;
  /** Allow Basic over plain http:// to a non-loopback host (spec §2). Off unless asked. */
  allowInsecureBasic?: boolean | undefined;
  /** Whether the server has users/search; from the profile when absent. */
  hasUserSearch?: boolean | undefined;
}

export interface AddAccountRequest extends ServerFields {
  credentials: Credentials;
}

export interface UpdateAccountRequest {
  id: string;
  label?: string | undefined;
  apiBase?: string | undefined;
  oauthBase?: string | null | undefined;
  format?: Format | undefined;
  notifyByDefault?: boolean | undefined;
  allowInsecureBasic?: boolean | undefined;
  hasUserSearch?: boolean | undefined;
  /** Replaces the account's secret (verified first). */
  credentials?: Credentials | undefined;
}

export interface AccountIdRequest {
  id: string;
}

export interface StartOAuthRequest extends ServerFields {
  consumerKey: string;
  consumerSecret: string;
}

export interface FinishOAuthRequest {
  flowId: string;
  pin: string;
}

/** Every setting but the shortcut, which goes through `setShortcut` (it can fail). */
export type SetSettingsRequest = {
  [K in Exclude<keyof Settings, 'shortcut'>]?: Settings[K] | undefined;
};

export type ListHistoryRequest = { limit?: number | undefined } | undefined;

export interface AcceleratorRequest {
  accelerator: string;
}

export interface OpenExternalRequest {
  url: string;
}

export interface ShowInMainRequest {
  target: string;
  accountId?: string | undefined;
}

/** Bulk channels act on one account's list: the active account's when absent. */
export type BulkAccountRequest = { accountId?: string | undefined } | undefined;

/** A pasted or imported list, and what a bare number on a plain-text line means (user_id when absent). */
export interface BulkTextRequest {
  accountId?: string | undefined;
  text: string;
  numericAs?: NumericChoice | undefined;
}

export interface BulkPreviewRequest extends BulkTextRequest {
  /** users/show look-ups to spend on "already followed". */
  lookups?: number | undefined;
}

export interface BulkPaceFields {
  concurrency?: number | undefined;
  /** Follows per minute at most; null lets the server's rate limit decide. */
  pacePerMinute?: number | null | undefined;
}

export interface BulkStartRequest extends BulkTextRequest, BulkPaceFields {
  notify?: boolean | undefined;
}

export interface BulkSetOptionsRequest extends BulkPaceFields {
  accountId?: string | undefined;
}

export interface BulkItemsRequest {
  accountId?: string | undefined;
  states?: BulkItemState[] | undefined;
  search?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** The request of every channel, by name; `contract.ts` pairs each with its response. */
export interface Requests {
  follow: FollowRequest;
  lookup: LookupRequest;
  search: SearchRequest;
  unfollow: TargetRequest;
  cancel: CancelRequest;
  listAccounts: NoFields;
  addAccount: AddAccountRequest;
  updateAccount: UpdateAccountRequest;
  removeAccount: AccountIdRequest;
  switchAccount: AccountIdRequest;
  verifyAccount: AccountIdRequest;
  startOAuth: StartOAuthRequest;
  finishOAuth: FinishOAuthRequest;
  startSandbox: NoFields;
  getSettings: NoFields;
  setSettings: SetSettingsRequest;
  listHistory: ListHistoryRequest;
  clearHistory: NoFields;
  setShortcut: AcceleratorRequest;
  testShortcut: AcceleratorRequest;
  openExternal: OpenExternalRequest;
  showInMain: ShowInMainRequest;
  closeQuickFollow: NoFields;
  bulkPreview: BulkPreviewRequest;
  bulkStart: BulkStartRequest;
  bulkPause: BulkAccountRequest;
  bulkResume: BulkAccountRequest;
  bulkCancel: BulkAccountRequest;
  bulkRetryFailed: BulkAccountRequest;
  bulkSetOptions: BulkSetOptionsRequest;
  bulkStatus: BulkAccountRequest;
  bulkItems: BulkItemsRequest;
  bulkExportCsv: BulkAccountRequest;
}
