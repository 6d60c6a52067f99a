/**
 * What main accepts from a page on each channel, checked before any handler runs; held at compile
 * time (below) to accept exactly the contract's zod-free `RequestOf<K>`.
 */
import { z } from 'zod';
import type { ServerProfileId } from '../../../core/account.js';
import { BULK_ITEM_STATES, type BulkItemState } from '../../../core/bulk/bulk-types.js';
import { SERVER_PROFILE_IDS } from '../../../core/server-profiles.js';
import { LIMITS, type ChannelName, type Exact, type RequestOf } from '../../shared/contract.js';

const safeId = (what: string, max: number) =>
  z.string().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, `${what} has only letters, digits, "_" and "-"`);
const id = safeId('an id', LIMITS.id);
const requestId = safeId('a request id', LIMITS.requestId);
const httpUrl = z
  .string()
  .min(1)
  .max(LIMITS.url)
  .refine((value) => {
    try {
      return /^https?:$/.test(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// address');
const format = z.enum(['xml', 'json']);
const numericAs = z.enum(['screen_name', 'user_id']);
const label = z.string().trim().min(1).max(LIMITS.label);
const oauthValue = z.string().min(1).max(LIMITS.oauthValue);

const targetFields = {
  accountId: id.optional(),
  target: z.string().max(LIMITS.target),
  numericAs: numericAs.optional(),
  idInPath: z.boolean().optional(),
  format: format.optional(),
};
const cancellable = { requestId: requestId.optional() };

const credentials = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('basic'),
    username: z.string().min(1).max(LIMITS.username),
    password: z.string().min(1).max(LIMITS.password),
  }),
  z.strictObject({
    mode: z.literal('oauth'),
    consumerKey: oauthValue,
    consumerSecret: oauthValue,
    token: oauthValue,
    tokenSecret: oauthValue,
  }),
]);

const serverFields = {
  label: label.optional(),
  profile: z.enum(SERVER_PROFILE_IDS as [ServerProfileId, ...ServerProfileId[]]),
  apiBase: httpUrl,
  oauthBase: httpUrl.optional(),
  format: format.optional(),
  notifyByDefault: z.boolean().optional(),
  allowInsecureBasic: z.boolean().optional(),
  hasUserSearch: z.boolean().optional(),
};

const noFields = z.strictObject({}).default({});
const accountId = z.strictObject({ id });
const accelerator = z.strictObject({ accelerator: z.string().trim().min(1).max(LIMITS.accelerator) });

const bulkAccount = z.strictObject({ accountId: id.optional() }).default({});
const bulkPace = {
  concurrency: z.number().int().min(1).max(LIMITS.bulkConcurrency).optional(),
  pacePerMinute: z.number().positive().max(LIMITS.bulkPacePerMinute).nullable().optional(),
};
const bulkText = { accountId: id.optional(), text: z.string().max(LIMITS.bulkText), numericAs: numericAs.optional() };

export const REQUEST_SCHEMAS = {
  follow: z.strictObject({ ...targetFields, ...cancellable, notify: z.boolean().optional() }),
  lookup: z.strictObject({ ...targetFields, ...cancellable }),
  search: z.strictObject({
    accountId: id.optional(),
    query: z.string().trim().min(1).max(LIMITS.query),
    count: z.number().int().min(1).max(LIMITS.searchCount).optional(),
    format: format.optional(),
    ...cancellable,
  }),
  unfollow: z.strictObject(targetFields),
  cancel: z.strictObject({ requestId }),

  listAccounts: noFields,
  addAccount: z.strictObject({ ...serverFields, credentials }),
  updateAccount: z
    .strictObject({ ...serverFields, oauthBase: httpUrl.nullable(), credentials })
    .omit({ profile: true })
    .partial()
    .extend({ id }),
  removeAccount: accountId,
  switchAccount: accountId,
  verifyAccount: accountId,
  startOAuth: z.strictObject({ ...serverFields, consumerKey: oauthValue, consumerSecret: oauthValue }),
  finishOAuth: z.strictObject({
    flowId: id,
    pin: z.string().trim().min(1).max(LIMITS.pin).regex(/^[A-Za-z0-9]+$/, 'a PIN has only letters and digits'),
  }),
  startSandbox: noFields,

  getSettings: noFields,
  setSettings: z.strictObject({
    shortcutEnabled: z.boolean().optional(),
    trayEnabled: z.boolean().optional(),
    notificationsEnabled: z.boolean().optional(),
    quickNumericAs: numericAs.optional(),
    persistSecretsWithoutKeyring: z.boolean().optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
  }),
  listHistory: z.strictObject({ limit: z.number().int().min(1).max(LIMITS.historyPage).optional() }).default({}),
  clearHistory: noFields,
  setShortcut: accelerator,
  testShortcut: accelerator,

  openExternal: z.strictObject({ url: httpUrl }),
  showInMain: z.strictObject({ target: z.string().min(1).max(LIMITS.target), accountId: id.optional() }),
  closeQuickFollow: noFields,

  bulkPreview: z.strictObject({ ...bulkText, lookups: z.number().int().min(0).max(LIMITS.bulkPreviewChecks).optional() }),
  bulkStart: z.strictObject({ ...bulkText, ...bulkPace, notify: z.boolean().optional() }),
  bulkPause: bulkAccount,
  bulkResume: bulkAccount,
  bulkCancel: bulkAccount,
  bulkRetryFailed: bulkAccount,
  bulkSetOptions: z.strictObject({ accountId: id.optional(), ...bulkPace }),
  bulkStatus: bulkAccount,
  bulkItems: z.strictObject({
    accountId: id.optional(),
    states: z
      .array(z.enum(BULK_ITEM_STATES as [BulkItemState, ...BulkItemState[]]))
      .max(BULK_ITEM_STATES.length)
      .optional(),
    search: z.string().max(LIMITS.query).optional(),
    offset: z.number().int().min(0).max(LIMITS.bulkEntries).optional(),
    limit: z.number().int().min(1).max(LIMITS.bulkPage).optional(),
  }),
  bulkExportCsv: bulkAccount,
  moveFollowsPreview: z.strictObject({ fromAccountId: id, toAccountId: id }),
  moveFollowsStart: z.strictObject({ fromAccountId: id, toAccountId: id, ...bulkPace, notify: z.boolean().optional() }),
} satisfies { [K in ChannelName]: z.ZodType };

type Schemas = typeof REQUEST_SCHEMAS;

/** What a handler receives: the payload after its schema (strings trimmed). */
export type ParsedRequestOf<K extends ChannelName> = z.output<Schemas[K]>;

/**
 * Compile-time: one schema per channel, each accepting exactly its channel's request type, field
 * for field (an optional field missing on one side counts, which plain assignability would let through).
 */
type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
type Drifted = { [K in ChannelName]: Same<z.input<Schemas[K]>, RequestOf<K>> extends true ? never : K }[ChannelName];
const schemasMatchTheContract: Exact<keyof Schemas, ChannelName> & Exact<Drifted, never> = true;
void schemasMatchTheContract;

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

const MAX_DEPTH = 16;

/**
 * Plain data only: objects whose prototype is Object's (or none), arrays, and primitives. A Date,
 * Map, Set, RegExp or Error (structured clone carries them all) would otherwise pass a schema as
 * an empty object. May throw (a getter): the caller treats that as a bad request too.
 */
export function isPlainData(value: unknown, depth = 0): boolean {
  if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) return true;
  if (typeof value !== 'object' || depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype && value.every((item) => isPlainData(item, depth + 1));
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  return Object.values(value).every((item) => isPlainData(item, depth + 1));
}
