import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adviceFor, apiError } from '../../core/errors.js';
import { followOutcome } from '../../core/follow-outcome.js';
import { ERROR_KINDS, type User } from '../../core/types.js';
import { USER_AGENT, VERSION } from '../../core/version.js';
import { exitCodeFor, terminalSafe } from '../../core/cli/cli-io.js';

const user = (followRequestSent: boolean | null): User => ({
  id: '1', screenName: 'x', name: null, location: null, description: null, url: null, profileImageUrl: null,
  protected: null, verified: null, followersCount: null, friendsCount: null, statusesCount: null,
  favouritesCount: null, createdAt: null, utcOffset: null, timeZone: null, following: false,
  notifications: null, followRequestSent, latestStatus: null,
});

describe('adviceFor', () => {
  it('has a distinct sentence for every kind', () => {
    const sentences = ERROR_KINDS.map((kind) => adviceFor(apiError(kind, 'm')));
    expect(new Set(sentences).size).toBe(ERROR_KINDS.length);
    for (const s of sentences) expect(s).toMatch(/\.$/);
  });
  it('names the reset time when rate limited, and clock skew for code 135', () => {
    expect(adviceFor(apiError('rate_limited', 'm', 429), { limit: 1, remaining: 0, resetAt: '2030-01-01T00:00:00.000Z' }))
      .toContain('2030-01-01T00:00:00.000Z');
    expect(adviceFor(apiError('unauthorized', 'm', 401, 135))).toMatch(/clock/);
    expect(adviceFor(apiError('unauthorized', 'm', 401, 32))).not.toMatch(/clock/);
  });
});

describe('followOutcome', () => {
  it('treats any success as followed even when following is false (spec §3), and requests as pending', () => {
    expect(followOutcome({ ok: true, user: user(null), rateLimit: null })).toBe('followed');
    expect(followOutcome({ ok: true, user: user(true), rateLimit: null })).toBe('request_pending');
  });
  it("is a request when the target is protected and the reply does not say the caller follows it (GNU social's private stream)", () => {
    const locked = (following: boolean | null) => ({ ...user(null), protected: true, following });
    expect(followOutcome({ ok: true, user: locked(false), rateLimit: null })).toBe('request_pending');
    expect(followOutcome({ ok: true, user: locked(null), rateLimit: null })).toBe('request_pending');
    expect(followOutcome({ ok: true, user: locked(true), rateLimit: null })).toBe('followed');
    expect(followOutcome({ ok: true, user: { ...user(null), protected: false, following: false }, rateLimit: null })).toBe('followed');
  });
  it('turns the two neutral refusals into outcomes and nothing else', () => {
    expect(followOutcome({ ok: false, error: apiError('already_following', 'm', 403), rateLimit: null })).toBe('already_following');
    expect(followOutcome({ ok: false, error: apiError('request_pending', 'm', 403, 160), rateLimit: null })).toBe('request_pending');
    expect(followOutcome({ ok: false, error: apiError('forbidden', 'm', 403), rateLimit: null })).toBeNull();
  });
});

describe('command line helpers', () => {
  it('strips terminal control sequences and bidi overrides from server text', () => {
    expect(terminalSafe('a\u001b[31mred\u001b]0;title\u0007b')).toBe('a[31mred]0;titleb');
    expect(terminalSafe('x\u202Eevil')).toBe('xevil');
    expect(terminalSafe('line1\nline2')).toBe('line1 line2');
  });
  it('maps kinds to the documented exit codes', () => {
    expect(ERROR_KINDS.map((k) => [k, exitCodeFor(k)])).toEqual([
      ['already_following', 0], ['request_pending', 0], ['not_following', 0], ['not_found', 4], ['unauthorized', 3],
      ['forbidden', 1], ['follow_limit', 1], ['rate_limited', 5], ['server_error', 1],
      ['timeout', 6], ['network', 6], ['bad_response', 1], ['invalid_request', 2],
    ]);
  });
});

describe('version', () => {
  it('matches package.json and names the product in the User-Agent', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`Befriend/${pkg.version}`);
  });
});
