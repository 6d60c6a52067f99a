import { describe, expect, it } from 'vitest';
import { holdAfter, judgeCheck, judgeFollow } from '../../core/bulk/answer-verdict.js';
import type { WaitSettings } from '../../core/bulk/queue-options.js';
import type { ErrorKind, RateLimit, User, UserResult } from '../../core/types.js';

function refusal(kind: ErrorKind, status: number | null, rateLimit: RateLimit | null = null): UserResult {
  return { ok: false, error: { kind, status, code: null, message: kind }, rateLimit };
}

function answer(flags: Pick<User, 'following' | 'followRequestSent'>): UserResult {
  const user = { id: '12', screenName: 'ann', name: 'Ann', description: 'long', ...flags } as User;
  return { ok: true, user, rateLimit: null };
}

const SETTINGS: WaitSettings = {
  maxTransientFailures: 6,
  backoffBaseMs: 1000,
  backoffMaxMs: 5000,
  followLimitWaitMs: 900_000,
  rateLimitWaitMs: 60_000,
  maxWaitMs: null,
  random: () => 0,
};

describe('what an answer means for an item of the queue', () => {
  it('a follow: any 2xx is done, keeping only the id and screen name; the two neutral refusals are done too', () => {
    expect(judgeFollow(answer({ following: false, followRequestSent: false }))).toEqual({
      kind: 'done',
      outcome: 'followed',
      user: { id: '12', screenName: 'ann' },
    });
    expect(judgeFollow(answer({ following: false, followRequestSent: true }))).toMatchObject({ kind: 'done', outcome: 'request_pending' });
    expect(judgeFollow(refusal('already_following', 403))).toEqual({ kind: 'done', outcome: 'already_following', user: null });
    expect(judgeFollow(refusal('not_found', 404))).toMatchObject({ kind: 'failed', error: { kind: 'not_found' } });
  });

  it('"not now" keeps the item; only a lost answer makes it be looked up before it is sent again', () => {
    expect(judgeFollow(refusal('server_error', 503))).toMatchObject({ kind: 'transient', recheck: false });
    expect(judgeFollow(refusal('timeout', null))).toMatchObject({ kind: 'transient', recheck: true });
    expect(judgeFollow(refusal('network', null))).toMatchObject({ kind: 'transient', recheck: true });
    expect(judgeFollow(refusal('unauthorized', 401))).toMatchObject({ kind: 'sign_in', recheck: false });
    expect(judgeFollow(refusal('follow_limit', 403))).toMatchObject({ kind: 'follow_limit', recheck: false });
    const resetAt = '2026-01-01T00:15:00.000Z';
    expect(judgeFollow(refusal('rate_limited', 429, { limit: 15, remaining: 0, resetAt }))).toMatchObject({
      kind: 'rate_limit',
      resetAt: Date.parse(resetAt),
    });
    expect(judgeFollow(refusal('rate_limited', 400))).toMatchObject({ kind: 'rate_limit', resetAt: null });
  });

  it('a look-up: followed or requested is done; gone is failed; anything the server cannot say means send', () => {
    expect(judgeCheck(answer({ following: true, followRequestSent: false }))).toMatchObject({ kind: 'done', outcome: 'already_following' });
    expect(judgeCheck(answer({ following: false, followRequestSent: true }))).toMatchObject({ kind: 'done', outcome: 'request_pending' });
    expect(judgeCheck(answer({ following: false, followRequestSent: false }))).toEqual({ kind: 'send' });
    expect(judgeCheck(answer({ following: null, followRequestSent: null }))).toEqual({ kind: 'send' });
    expect(judgeCheck(refusal('forbidden', 403))).toMatchObject({ kind: 'failed' });
    expect(judgeCheck(refusal('bad_response', 200))).toEqual({ kind: 'send' });
    // Still uncertain whatever went wrong with the look-up: it is looked up again.
    expect(judgeCheck(refusal('server_error', 500))).toMatchObject({ kind: 'transient', recheck: true });
  });

  it('holds every request for the limit, or for a backoff that doubles up to its cap', () => {
    const now = Date.parse('2026-01-01T00:00:00.000Z');
    expect(holdAfter({ kind: 'follow_limit', error: refusalError(), recheck: false }, now, 0, SETTINGS)).toEqual({
      until: now + 900_000,
      reason: 'follow_limit',
    });
    const rateLimit = (resetAt: number | null) => ({ kind: 'rate_limit' as const, error: refusalError(), recheck: false, resetAt });
    expect(holdAfter(rateLimit(now + 5000), now, 0, SETTINGS)).toEqual({ until: now + 5000, reason: 'rate_limit' });
    expect(holdAfter(rateLimit(now - 5000), now, 0, SETTINGS)).toEqual({ until: now + 60_000, reason: 'rate_limit' });
    const transient = { kind: 'transient' as const, error: refusalError(), recheck: false };
    // random() = 0: half of base × 2^(n-1), capped at 5 s.
    expect([1, 2, 3, 4, 5].map((n) => holdAfter(transient, now, n, SETTINGS)!.until - now)).toEqual([500, 1000, 2000, 2500, 2500]);
    expect(holdAfter({ kind: 'send' }, now, 0, SETTINGS)).toBeNull();
  });
});

function refusalError() {
  return { kind: 'server_error' as const, status: 503, code: null, message: 'x' };
}
