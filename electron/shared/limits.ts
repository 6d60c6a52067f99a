/**
 * Size caps of the IPC contract. Generous for people, small enough that a hostile page cannot
 * make main do real work. A module of its own so the renderer can show them without zod.
 */
import { MAX_BULK_ENTRIES } from '../../core/bulk/bulk-limits.js';

export const LIMITS = {
  id: 64,
  /** A renderer's name for one request, so it can cancel it. */
  requestId: 64,
  /** Cancellable requests main keeps track of at once, over all windows. */
  requestsInFlight: 64,
  target: 512,
  query: 100,
  label: 80,
  url: 2048,
  username: 256,
  password: 1024,
  oauthValue: 512,
  pin: 32,
  accelerator: 100,
  searchCount: 100,
  historyPage: 500,
  /** A pasted or imported list: a following.js of ten thousand accounts is about 1 MB. */
  bulkText: 5_000_000,
  /** Accounts in one bulk follow, as on the command line. */
  bulkEntries: MAX_BULK_ENTRIES,
  bulkPage: 500,
  /** Bad and duplicate lines sent back in a preview; the counts are always complete. */
  bulkPreviewLines: 200,
  /** users/show look-ups a preview may spend on "already followed". */
  bulkPreviewChecks: 100,
  bulkConcurrency: 8,
  bulkPacePerMinute: 6000,
} as const;
