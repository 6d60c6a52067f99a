/**
 * Any non-2xx answer to exactly one ErrorKind (spec §4). Twitter's numeric code is the surest
 * signal, so it is read first; then the statuses that mean one thing whatever the body says (429,
 * 401); then the messages compatible servers send with the "wrong" status (GNU social answers an
 * unknown user with 500 or 403); and last the status alone. Messages are matched in English only:
 * a localized message still classifies by its code and status.
 *
 * Statuses the spec does not name: 408 is a timeout and 420 (Twitter's "Enhance Your Calm") a
 * rate limit; any other 4xx is the server refusing the request with its reasons in the message,
 * so `forbidden` (retrying will not help); an answer that is neither 4xx nor 5xx (1xx, an
 * unfollowed 3xx) is not an API answer at all, so `bad_response`.
 */
import { readErrorBody } from './format/error-body.js';
import type { ApiError, ErrorKind } from './types.js';

const KIND_BY_CODE: ReadonlyMap<number, ErrorKind> = new Map<number, ErrorKind>([
  [32, 'unauthorized'], // could not authenticate you
  [89, 'unauthorized'], // invalid or expired token
  [135, 'unauthorized'], // timestamp out of bounds: the clock is off
  [215, 'unauthorized'], // bad authentication data
  [34, 'not_found'], // page does not exist
  [50, 'not_found'], // user not found
  [108, 'not_found'], // cannot find specified user
  [63, 'forbidden'], // user suspended
  [64, 'forbidden'], // your account is suspended
  [162, 'forbidden'], // blocked from following
  [326, 'forbidden'], // account locked
  [88, 'rate_limited'],
  [160, 'request_pending'],
  [161, 'follow_limit'],
  [130, 'server_error'], // over capacity
  [131, 'server_error'], // internal error
]);

/**
 * Phrases of Twitter v1 and GNU social that name the condition whatever the status says. GNU
 * social 2.0.1 sends several of these with 500, which is why a 500 is read before it is judged:
 * "No result found on Profile lookup." (an unknown id in the path form), "User has blocked you.",
 * "Not subscribed!" (an undo of a follow that is gone), and 400 "Too many duplicate messages too
 * quickly; …" for a follow within about a minute of an undo of the same person: its duplicate-notice
 * limit, a rate limit without a reset time.
 */
const KIND_BY_MESSAGE: readonly (readonly [RegExp, ErrorKind])[] = [
  [/already requested to follow/, 'request_pending'],
  [/already on your list|already friends|already following|already subscribed/, 'already_following'],
  [/^not subscribed!?$|you are not friends with/, 'not_following'],
  [/unable to follow more people/, 'follow_limit'],
  [/rate limit exceeded|too many duplicate messages too quickly/, 'rate_limited'],
  [/over capacity/, 'server_error'],
  [/no such user|user not found|profile not found|no result found on profile lookup/, 'not_found'],
  [/has blocked you|blocked from following/, 'forbidden'],
];

function kindForStatus(status: number): ErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 420 || status === 429) return 'rate_limited';
  if (status >= 400 && status <= 499) return 'forbidden';
  if (status >= 500 && status <= 599) return 'server_error';
  return 'bad_response';
}

function kindFor(status: number, code: number | null, message: string | null): ErrorKind {
  const byCode = code === null ? undefined : KIND_BY_CODE.get(code);
  if (byCode !== undefined) return byCode;
  if (status === 401 || status === 420 || status === 429) return kindForStatus(status);
  if (message !== null && status >= 400) {
    const text = message.toLowerCase();
    for (const [pattern, kind] of KIND_BY_MESSAGE) {
      if (pattern.test(text)) return kind;
    }
  }
  return kindForStatus(status);
}

function fallbackMessage(status: number, page: boolean): string {
  return page
    ? `The server answered with HTTP status ${status} and a web page instead of an API error.`
    : `The server answered with HTTP status ${status} and no message.`;
}

export async function classifyFailure(status: number, body: string, contentType: string | null): Promise<ApiError> {
  const found = await readErrorBody(body, contentType);
  return {
    kind: kindFor(status, found.code, found.message),
    status,
    code: found.code,
    message: found.message ?? fallbackMessage(status, found.page),
  };
}
