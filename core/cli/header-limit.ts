import http from 'node:http';

/**
 * Node's fetch refuses an answer whose headers pass `http.maxHeaderSize` (16 KiB) with a network
 * error, before its status is known: a 401 carrying a long WWW-Authenticate or cookie would read
 * as "could not reach the server" instead of "sign in again". The command line owns its process,
 * so it raises the limit before the first request (what `--max-http-header-size` would do); the
 * client still caps the body. Where Node no longer lets the value be replaced, the default stays.
 */
export const CLI_MAX_HEADER_BYTES = 256 * 1024;

export function raiseHeaderLimit(bytes = CLI_MAX_HEADER_BYTES): void {
  if (http.maxHeaderSize >= bytes) return;
  try {
    Object.defineProperty(http, 'maxHeaderSize', { value: bytes, enumerable: true, configurable: true });
  } catch {
    // Left at Node's default: an oversized answer then stays a bad_response.
  }
}
