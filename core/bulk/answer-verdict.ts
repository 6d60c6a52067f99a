import { followOutcome } from '../follow-outcome.js';
import type { ApiError, FollowOutcome, UserResult } from '../types.js';
import type { BulkItem } from './bulk-types.js';
import type { WaitSettings } from './queue-options.js';

/**
 * What the server's answer means for one item of the queue: pure, so each case reads as a rule.
 * Answers that say "not now" rather than "no" (a lost sign-in, the follow and rate limits,
 * transient failures) keep the item; `recheck` says it may have been carried out already, so it
 * is looked up (users/show) before it is sent again.
 */
export type AnswerVerdict =
  | { kind: 'done'; outcome: FollowOutcome; user: BulkItem['user'] }
  /** After a look-up: not followed yet, so send the follow. */
  | { kind: 'send' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'sign_in'; error: ApiError; recheck: boolean }
  | { kind: 'follow_limit'; error: ApiError; recheck: boolean }
  /** `resetAt`: when the server said its window resets, if it did. */
  | { kind: 'rate_limit'; error: ApiError; recheck: boolean; resetAt: number | null }
  | { kind: 'transient'; error: ApiError; recheck: boolean };

const TRANSIENT = new Set(['server_error', 'network', 'timeout']);
/** Errors after which the request may have been carried out although no answer came back. */
const UNCERTAIN = new Set(['network', 'timeout']);

/** A client that rejects (it never should) is treated as an answer that never came. */
export function lostAnswer(error: unknown): UserResult {
  return { ok: false, error: { kind: 'network', status: null, code: null, message: String(error) }, rateLimit: null };
}

/** Only an answer that arrived says anything about the server's limits. */
export function arrived(result: UserResult): boolean {
  return result.ok || result.error.status !== null;
}

function notNow(result: UserResult & { ok: false }, checking: boolean): AnswerVerdict | null {
  const { error } = result;
  switch (error.kind) {
    case 'unauthorized':
      return { kind: 'sign_in', error, recheck: checking };
    case 'follow_limit':
      return { kind: 'follow_limit', error, recheck: checking };
    case 'rate_limited': {
      const resetAt = result.rateLimit?.resetAt ? Date.parse(result.rateLimit.resetAt) : Number.NaN;
      return { kind: 'rate_limit', error, recheck: checking, resetAt: Number.isNaN(resetAt) ? null : resetAt };
    }
    default:
      return TRANSIENT.has(error.kind) ? { kind: 'transient', error, recheck: checking || UNCERTAIN.has(error.kind) } : null;
  }
}

/** The answer to a follow. */
export function judgeFollow(result: UserResult): AnswerVerdict {
  const outcome = followOutcome(result);
  if (result.ok) return { kind: 'done', outcome: outcome ?? 'followed', user: { id: result.user.id, screenName: result.user.screenName } };
  if (outcome !== null) return { kind: 'done', outcome, user: null };
  return notNow(result, false) ?? { kind: 'failed', error: result.error };
}

/** The answer to a look-up made after a crash or a lost answer: is the account already followed (or requested)? */
export function judgeCheck(result: UserResult): AnswerVerdict {
  if (result.ok) {
    const { following, followRequestSent, id, screenName } = result.user;
    if (following !== true && followRequestSent !== true) return { kind: 'send' };
    return { kind: 'done', outcome: followRequestSent === true ? 'request_pending' : 'already_following', user: { id, screenName } };
  }
  const later = notNow(result, true);
  if (later !== null) return later;
  // The account is gone or suspended: a follow would be refused the same way.
  if (result.error.kind === 'not_found' || result.error.kind === 'forbidden') return { kind: 'failed', error: result.error };
  // The server cannot say (no users/show, an odd answer): send the follow; a repeat is refused as already_following.
  return { kind: 'send' };
}

/**
 * How long every request waits after a "not now": the follow limit a while (servers do not say
 * when it lifts, and it is not the rate-limit window), the rate limit until its reset, and a
 * transient failure an exponential backoff with jitter (`base` doubling per failure in a row,
 * capped, times [0.5, 1)).
 */
export function holdAfter(
  verdict: AnswerVerdict,
  now: number,
  failuresInARow: number,
  settings: WaitSettings,
): { until: number; reason: 'follow_limit' | 'rate_limit' | 'backoff' } | null {
  switch (verdict.kind) {
    case 'follow_limit':
      return { until: now + settings.followLimitWaitMs, reason: 'follow_limit' };
    case 'rate_limit':
      return { until: verdict.resetAt !== null && verdict.resetAt > now ? verdict.resetAt : now + settings.rateLimitWaitMs, reason: 'rate_limit' };
    case 'transient': {
      const backoff = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** (failuresInARow - 1));
      return { until: now + backoff * (0.5 + settings.random() / 2), reason: 'backoff' };
    }
    default:
      return null;
  }
}
