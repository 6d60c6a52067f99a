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

/**
 * One sentence for people saying what to do next. The server's own message is shown beside it,
 * as text; this sentence never repeats or interprets it.
 */
export function adviceFor(error: ApiError, rateLimit: RateLimit | null = null): string {
  switch (error.kind) {
    case 'already_following':
      return 'You already follow this account; nothing changed.';
    case 'request_pending':
      return 'This account is protected: your follow request is waiting for their approval.';
    case 'not_found':
      return 'No such account on this server: check the name or id, or whether you chose screen name or user id.';
    case 'unauthorized':
      return error.code === CLOCK_SKEW_CODE
        ? "The server rejected the request's timestamp: set your computer's clock to the correct time, then try again."
        : 'The server did not accept your credentials: sign in again (check the username, password or OAuth tokens).';
    case 'forbidden':
      return 'The server refused this follow; its message says why. Retrying will not help.';
    case 'follow_limit':
      return 'You have reached the number of accounts you may follow for now: try again later (usually tomorrow).';
    case 'rate_limited':
      return rateLimit?.resetAt
        ? `Too many requests: try again after ${rateLimit.resetAt}.`
        : 'Too many requests: wait a few minutes, then try again.';
    case 'server_error':
      return 'The server had a problem: try again in a moment.';
    case 'timeout':
      return 'The server did not answer in time: check your connection and try again.';
    case 'network':
      return 'Could not reach the server: check your connection and the API address, then try again.';
    case 'bad_response':
      return 'The server answered with something that is not a user: check the API address and format (xml/json).';
    case 'invalid_request':
      return 'The request was not sent: correct what the message says and try again.';
  }
}
