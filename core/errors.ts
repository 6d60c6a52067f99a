import type { ApiError, ErrorKind, RateLimit } from './types.js';

export function apiError(
  kind: ErrorKind,
  message: string,
  status: number | null = null,
  code: number | null = null,
): ApiError {
  return { kind, status, code, message };
}

/** Twitter's code for "timestamp out of bounds": the computer's clock is off. */
const CLOCK_SKEW_CODE = 135;

const ADVICE: Readonly<Record<ErrorKind, string>> = {
  already_following: 'You already follow this account; nothing changed.',
  request_pending: 'This account is protected: your follow request is waiting for their approval.',
  not_following: 'You were not following this account; nothing changed.',
  not_found: 'No such account on this server: check the name or id, or whether you chose screen name or user id.',
  unauthorized:
    'The server did not accept your credentials: sign in again (check the username, password or OAuth tokens).',
  forbidden: 'The server refused this follow; its message says why. Retrying will not help.',
  follow_limit: 'You have reached the number of accounts you may follow for now: try again later (usually tomorrow).',
  rate_limited: 'Too many requests: wait a minute and try again.',
  server_error: 'The server had a problem: try again in a moment.',
  // No answer is not a no: a follow that reached the server may have been carried out.
  timeout: 'The server did not answer in time: a follow may still have gone through, so look the account up before trying again.',
  network:
    'Could not reach the server, or the connection dropped: check your connection and the API address; a follow cut off midway may still have gone through, so look the account up before trying again.',
  bad_response: 'The server answered with something that is not a user: check the API address and format (xml/json).',
  invalid_request: 'The request was not sent: correct what the message says and try again.',
};

/**
 * One sentence for people saying what to do next. The server's own message is shown beside it,
 * as text; this sentence never repeats or interprets it.
 */
export function adviceFor(error: ApiError, rateLimit: RateLimit | null = null): string {
  if (error.kind === 'unauthorized' && error.code === CLOCK_SKEW_CODE) {
    return "The server rejected the request's timestamp: set your computer's clock to the correct time, then try again.";
  }
  if (error.kind === 'rate_limited' && rateLimit?.resetAt) return `Too many requests: try again after ${rateLimit.resetAt}.`;
  return ADVICE[error.kind];
}
