import type { ApiError } from '../types.js';
import type { BulkProgress, BulkStatus, BulkStoreError } from './bulk-types.js';
import type { QueueItems } from './queue-items.js';
import type { SendGate, WaitReason } from './send-gate.js';

/** Where a run stands, in the words people read, and how long the rest will take. */

export const IDLE: BulkStatus = { state: 'idle', reason: null, until: null, message: null };
export const RUNNING: BulkStatus = { state: 'running', reason: null, until: null, message: null };
export const FINISHED: BulkStatus = { state: 'finished', reason: null, until: null, message: null };
export const PAUSED: BulkStatus = { state: 'paused', reason: null, until: null, message: 'Paused: nothing more is sent until you resume.' };
export const CANCELLED: BulkStatus = {
  state: 'cancelled',
  reason: null,
  until: null,
  message: 'Cancelled: the rest of the list was not sent.',
};
export const CLOSED: BulkStatus = { state: 'stopped', reason: 'closed', until: null, message: 'Stopped; run it again to continue.' };

export function storageStopped(error: BulkStoreError | null): BulkStatus {
  return {
    state: 'stopped',
    reason: 'storage',
    until: null,
    message: `Stopped: progress can no longer be saved. ${error?.message ?? ''}`.trim(),
  };
}

export function needsSignIn(error: ApiError): BulkStatus {
  return {
    state: 'needs_sign_in',
    reason: null,
    until: null,
    message: `The server no longer accepts these credentials (${error.message}): sign in again, then resume.`,
  };
}

type LimitReason = Exclude<WaitReason, 'pace'>;

export function waiting(reason: LimitReason, until: number): BulkStatus {
  const iso = new Date(until).toISOString();
  const message =
    reason === 'follow_limit'
      ? `You have reached the number of accounts you may follow for now: waiting until ${iso}.`
      : reason === 'rate_limit'
        ? `The server's rate limit is used up: waiting until ${iso}.`
        : `The server is not answering properly: trying again at ${iso}.`;
  return { state: 'waiting', reason, until: iso, message };
}

export function waitTooLong(reason: LimitReason, until: number): BulkStatus {
  const iso = new Date(until).toISOString();
  return {
    state: 'stopped',
    reason: 'wait_too_long',
    until: iso,
    message: `Stopped: the server says to wait until ${iso} (${reason === 'follow_limit' ? 'follow limit' : 'rate limit'}), later than you chose to wait. Run it again then.`,
  };
}

/**
 * The counts, and the time left: the longer of what the rate limit and pace allow and what the
 * requests have taken so far (`requestMs`, a running average) at this concurrency.
 */
export function progressOf(
  items: QueueItems,
  status: BulkStatus,
  gate: SendGate,
  timing: { now: number; requestMs: number | null; concurrency: number },
): BulkProgress {
  const left = items.left();
  const perRequest = timing.requestMs === null ? 0 : (left * timing.requestMs) / timing.concurrency;
  const eta = Math.max(gate.estimateMs(left, timing.now), perRequest);
  return {
    total: items.all.length,
    counts: { ...items.counts },
    outcomes: { ...items.outcomes },
    status: { ...status },
    rateLimit: gate.current(),
    etaSeconds: left === 0 ? 0 : Math.ceil(eta / 1000),
  };
}
