/**
 * Rate-limit headers (spec §5): `x-rate-limit-*` (v1.1) or `X-RateLimit-*` (v1); Headers.get
 * already ignores case. A value that is not a whole number is null rather than guessed.
 */
import type { RateLimit } from './types.js';

/** v1.1's name, then v1's; constants rather than built per call, since every answer is read. */
const NAMES = {
  limit: ['x-rate-limit-limit', 'x-ratelimit-limit'],
  remaining: ['x-rate-limit-remaining', 'x-ratelimit-remaining'],
  reset: ['x-rate-limit-reset', 'x-ratelimit-reset'],
} as const;

function header(headers: Headers, [current, v1]: readonly [string, string]): string | null {
  return headers.get(current) ?? headers.get(v1);
}

function wholeNumber(value: string | null): number | null {
  if (value === null || !/^\s*[0-9]+\s*$/.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

/** Every answer in one window carries the same reset: remember the last one turned into ISO. */
let lastReset: { raw: string | null; iso: string | null } = { raw: null, iso: null };

/** Reset is in seconds since the epoch; beyond what a Date can hold it is garbage too. */
function resetTime(value: string | null): string | null {
  if (value === lastReset.raw) return lastReset.iso;
  const iso = isoFromEpochSeconds(value);
  lastReset = { raw: value, iso };
  return iso;
}

function isoFromEpochSeconds(value: string | null): string | null {
  const seconds = wholeNumber(value);
  if (seconds === null) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function readRateLimit(headers: Headers): RateLimit | null {
  const limit = header(headers, NAMES.limit);
  const remaining = header(headers, NAMES.remaining);
  const reset = header(headers, NAMES.reset);
  if (limit === null && remaining === null && reset === null) return null;
  return { limit: wholeNumber(limit), remaining: wholeNumber(remaining), resetAt: resetTime(reset) };
}
