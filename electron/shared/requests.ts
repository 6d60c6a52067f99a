/**
 * What the renderer may send on each channel, as plain types: the preload and the renderer need
 * them, not the zod schemas in main (`electron/main/ipc/schemas.ts`), which are held at compile
 * time to accept exactly these shapes. Size caps are in `limits.ts`.
 */
import type { Credentials, ServerProfileId } from '../../core/account.js';
import type { BulkItemState } from '../../core/bulk/bulk-types.js';
import type { Settings } from '../../core/settings-file.js';
import type { NumericChoice } from '../../core/target.js';
import type { Format } from '../../core/types.js';
import type { MoveFollowsAccounts } from './move-follows-view.js';

/** Channels that take no fields: nothing, or an empty object. */
type NoFields = Record<string, never> | undefined;

/** The account making the call: the active account when absent. */
type OnAccount = { accountId?: string };

/** A request `cancel` can abort: the id is unique among the calling window's requests in flight. */
type Cancellable = { requestId?: string };

/** What a person typed plus how to read it; mirrors `parseTarget`'s options. */
interface TargetRequest extends OnAccount {
  /** `@name`, `name`, `12345` or a profile URL, as typed. */
  target: string;
  /** How bare digits are meant; without it an all-digits target is refused as ambiguous. */
  numericAs?: NumericChoice;
  /** Send the `{id}` path form (for servers that need it). */
  idInPath?: boolean;
  /** Overrides the account's default format for this call. */
  format?: Format;
}

interface ServerFields {
  label?: string;
  profile: ServerProfileId;
  apiBase: string;
  /** Where request_token / authorize / access_token live; from the profile when absent. */
  oauthBase?: string;
  format?: Format;
  /** The default of the "notify me" toggle (sends `follow=true`) for this account. */
  notifyByDefault?: boolean;
  /** Allow Basic over plain http:// to a non-loopback host (spec §2). Off unless asked. */
  allowInsecureBasic?: boolean;
  /** Whether the server has users/search; from the profile when absent. */
  hasUserSearch?: boolean;
}

/** A pasted or imported list, and what a bare number on a plain-text line means (user_id when absent). */
type BulkText = OnAccount & { text: string; numericAs?: NumericChoice };

/** `pacePerMinute`: follows per minute at most; null lets the server's rate limit decide. */
type BulkPace = { concurrency?: number; pacePerMinute?: number | null };

/** The request of every channel, by name; `contract.ts` pairs each with its response. */
export interface Requests {
  follow: TargetRequest & Cancellable & { notify?: boolean };
  lookup: TargetRequest & Cancellable;
  search: OnAccount & Cancellable & { query: string; count?: number; format?: Format };
  unfollow: TargetRequest;
  cancel: { requestId: string };
  listAccounts: NoFields;
  addAccount: ServerFields & { credentials: Credentials };
  updateAccount: Partial<Omit<ServerFields, 'profile' | 'oauthBase'>> & {
    id: string;
    oauthBase?: string | null;
    credentials?: Credentials;
  };
  removeAccount: { id: string };
  switchAccount: { id: string };
  verifyAccount: { id: string };
  startOAuth: ServerFields & { consumerKey: string; consumerSecret: string };
  finishOAuth: { flowId: string; pin: string };
  startSandbox: NoFields;
  getSettings: NoFields;
  setSettings: Partial<Omit<Settings, 'shortcut'>>;
  listHistory: { limit?: number } | undefined;
  clearHistory: NoFields;
  setShortcut: { accelerator: string };
  testShortcut: { accelerator: string };
  openExternal: { url: string };
  showInMain: OnAccount & { target: string };
  closeQuickFollow: NoFields;
  bulkPreview: BulkText & { lookups?: number };
  bulkStart: BulkText & BulkPace & { notify?: boolean };
  bulkPause: OnAccount | undefined;
  bulkResume: OnAccount | undefined;
  bulkCancel: OnAccount | undefined;
  bulkRetryFailed: OnAccount | undefined;
  bulkSetOptions: OnAccount & BulkPace;
  bulkStatus: OnAccount | undefined;
  bulkItems: OnAccount & { states?: BulkItemState[]; search?: string; offset?: number; limit?: number };
  bulkExportCsv: OnAccount | undefined;
  moveFollowsPreview: MoveFollowsAccounts;
  /** `notify` defaults to the "to" account's own setting. */
  moveFollowsStart: MoveFollowsAccounts & BulkPace & { notify?: boolean };
}
