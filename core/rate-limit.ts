/**
 * Rate-limit headers (spec §5): `x-rate-limit-*` (v1.1) or `X-RateLimit-*` (v1); Headers.get
 * already ignores case. A value that is not a whole number (digits only, `readCount`) is null
 * rather than guessed.
 */
import { readCount } from './format/field-values.js';
import type { RateLimit } from './types.js';

/** The names one family of servers uses: Twitter v1 and StatusNet `X-RateLimit-*`, v1.1 `x-rate-limit-*`. */
export type RateLimitNaming = 'v1' | 'v1.1';

const NAMES = {
  v1: { limit: 'x-ratelimit-limit', remaining: 'x-ratelimit-remaining', reset: 'x-ratelimit-reset' },
  'v1.1': { limit: 'x-rate-limit-limit', remaining: 'x-rate-limit-remaining', reset: 'x-rate-limit-reset' },
} as const;

/**
 * The last reset worth believing: 9999-12-31T23:59:59Z. Beyond it a value is garbage (often
 * milliseconds sent as seconds), and unknown is safer than a wait of millennia.
 */
const LAST_BELIEVABLE_RESET_SECONDS = 253_402_300_799;

/** Reset is in seconds since the epoch; negative, fractional, non-numeric or absurdly far is unknown. */
function resetTime(value: string | null): string | null {
  const seconds = readCount(value);
  if (seconds === null || seconds > LAST_BELIEVABLE_RESET_SECONDS) return null;
  return new Date(seconds * 1000).toISOString();
}

/** Each field under the server's own naming first, then the other family's: a server that sends both is read by its own. */
export function readRateLimit(headers: Headers, naming: RateLimitNaming = 'v1.1'): RateLimit | null {
  const own = NAMES[naming];
  const other = NAMES[naming === 'v1' ? 'v1.1' : 'v1'];
  const limit = headers.get(own.limit) ?? headers.get(other.limit);
  const remaining = headers.get(own.remaining) ?? headers.get(other.remaining);
  const reset = headers.get(own.reset) ?? headers.get(other.reset);
  if (limit === null && remaining === null && reset === null) return null;
  return { limit: readCount(limit), remaining: readCount(remaining), resetAt: resetTime(reset) };
}
