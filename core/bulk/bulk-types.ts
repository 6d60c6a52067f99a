import type { Target } from '../target.js';
import type { ErrorKind, FollowOutcome, RateLimit } from '../types.js';
import type { WaitReason } from './send-gate.js';

/** Where one account of the list stands. `in_flight` means "may have reached the server". */
export type BulkItemState = 'pending' | 'in_flight' | 'done' | 'failed' | 'cancelled';

export const BULK_ITEM_STATES: readonly BulkItemState[] = ['pending', 'in_flight', 'done', 'failed', 'cancelled'];

export interface BulkItemError {
  kind: ErrorKind;
  status: number | null;
  message: string;
}

export interface BulkItem {
  /** Position in the queue; stable for the queue's life, and how the journal names the item. */
  index: number;
  /** The line of the input it came from. */
  line: number;
  /** What the person wrote. */
  input: string;
  target: Target;
  state: BulkItemState;
  /** Set once done. */
  outcome: FollowOutcome | null;
  /** Why it failed, or the last transient error while it waits to be retried. */
  error: BulkItemError | null;
  /** Requests sent for it so far (follows and, after a crash, the users/show check). */
  attempts: number;
  /** The account as the server named it in its answer, when it answered with one. */
  user: { id: string; screenName: string } | null;
  /** ISO time of the last change. */
  updatedAt: string | null;
}

/** Who a queue follows as, so a state directory is never resumed against another account. */
export interface BulkOwner {
  apiBase: string;
  user: string;
}

/** Why the state directory cannot be used; nothing has been sent when one of these comes back. */
export interface BulkStoreError {
  kind: 'unwritable' | 'corrupt' | 'locked' | 'owner_mismatch' | 'io';
  path: string;
  message: string;
}

export type BulkRunState =
  | 'idle'
  | 'running'
  | 'waiting'
  | 'paused'
  | 'needs_sign_in'
  | 'finished'
  | 'cancelled'
  | 'stopped';

export type BulkStatusReason = Exclude<WaitReason, 'pace'> | 'storage' | 'wait_too_long' | 'closed';

export interface BulkStatus {
  state: BulkRunState;
  /** Why it waits (`waiting`) or stopped (`stopped`). */
  reason: BulkStatusReason | null;
  /** ISO time the wait ends, for `waiting`. */
  until: string | null;
  /** A sentence for people, for every state but idle, running and finished. */
  message: string | null;
}

export interface BulkProgress {
  total: number;
  counts: Record<BulkItemState, number>;
  outcomes: Record<FollowOutcome, number>;
  status: BulkStatus;
  rateLimit: RateLimit | null;
  /** Seconds until every remaining item is sent, from the rate limit, pace and speed so far. */
  etaSeconds: number | null;
}

export type BulkEvent =
  | { type: 'status'; status: BulkStatus }
  | { type: 'item'; item: BulkItem }
  | { type: 'progress'; progress: BulkProgress };

export interface BulkAddResult {
  added: number;
  /** Entries already in the queue (from an earlier run of the same list). */
  alreadyQueued: number;
}

export interface BulkItemFilter {
  states?: readonly BulkItemState[];
  /** Case-insensitive text to find in the input or the account's screen name. */
  search?: string;
  offset?: number;
  limit?: number;
}
