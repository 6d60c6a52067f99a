import { apiError } from '../errors.js';
import type { ApiError } from '../types.js';

/** RFC 7617: `Basic base64(utf8(user ":" password))`; servers of this era read UTF-8. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/**
 * True for 127.0.0.0/8, ::1 and localhost. Expects a WHATWG `URL.hostname`, which has already
 * turned forms like `127.1` or `0x7f.0.0.1` into dotted quads and `[0:0:0:0:0:0:0:1]` into `[::1]`.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || IPV4_LOOPBACK.test(host);
}

/**
 * Why Basic must not go to this URL, or null when it may: plain http leaks the password to every
 * hop, so it is allowed only to loopback or when the person allowed it for this account.
 */
export function insecureBasicProblem(url: URL, allowInsecureBasic: boolean): ApiError | null {
  if (url.protocol !== 'http:' || allowInsecureBasic || isLoopbackHost(url.hostname)) return null;
  return apiError(
    'invalid_request',
    `Refusing to send your password to ${url.host} over plain http: ` +
      'use https, or allow insecure Basic for this account.',
  );
}

/** RFC 7617 forbids a colon in the user-id: the server would split the name there. */
export function basicCredentialsProblem(username: string): ApiError | null {
  if (username === '') return apiError('invalid_request', 'The account has no username for Basic authentication.');
  if (username.includes(':')) {
    return apiError('invalid_request', 'A username for Basic authentication cannot contain ":".');
  }
  return null;
}
