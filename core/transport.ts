import { apiError } from './errors.js';
import type { ApiError, ErrorKind } from './types.js';
import { USER_AGENT } from './version.js';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const MAX_REDIRECTS = 5;
/** The longest wait a Node timer can hold: beyond 2^31 − 1 ms it fires at once instead. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface TransportRequest {
  method: 'GET' | 'POST';
  /** Absolute http(s), as text: it is parsed only to name its host in a failure or follow a redirect. */
  url: string;
  accept: string;
  /**
   * The Authorization header for a URL on the request's own origin, or null to send none. Called
   * again for every same-origin redirect (an OAuth signature covers the URL).
   */
  authorize: ((method: string, url: string) => string) | null;
}

export interface TransportOptions {
  fetch: typeof fetch;
  /** A whole number of milliseconds, 1 to MAX_TIMEOUT_MS. */
  timeoutMs: number;
  maxBodyBytes: number;
  signal?: AbortSignal | undefined;
}

/** An answer read in full (any status), or why there is none; never thrown. */
export type Exchange =
  | { ok: true; status: number; headers: Headers; contentType: string | null; body: string }
  | { ok: false; error: ApiError; headers: Headers | null };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;
const CHROMIUM_ERROR = /net::(ERR_[A-Z_]+)/;
const CANCELLED_REDIRECT = /redirect was cancell?ed/i;

function describeBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function describeSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Node's fetch hides the reason in `cause` (an errno code); Electron's net.fetch in the message. */
function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const chromium = CHROMIUM_ERROR.exec(current.message);
    if (chromium) return chromium[1]!;
    current = current.cause;
  }
  return '';
}

function innermostMessage(error: unknown): string {
  let current: unknown = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(error);
}

const TLS_CODE = /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_CERT|ERR_BAD_SSL)/;

/** Errno codes (Node's fetch) and Chromium's `net::` names (Electron's net.fetch), by what happened. */
const NETWORK_FAILURES: readonly [codes: readonly string[], kind: ErrorKind, sentence: (host: string) => string][] = [
  [['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'ERR_NAME_NOT_RESOLVED'], 'network', (host) => `Could not find the server ${host} (DNS lookup failed).`],
  [['ECONNREFUSED', 'ERR_CONNECTION_REFUSED'], 'network', (host) => `${host} refused the connection.`],
  [
    ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ERR_CONNECTION_RESET', 'ERR_CONNECTION_CLOSED', 'ERR_EMPTY_RESPONSE'],
    'network',
    (host) => `The connection to ${host} was cut off.`,
  ],
  [['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_CONNECTION_TIMED_OUT', 'ERR_TIMED_OUT'], 'timeout', (host) => `Connecting to ${host} timed out.`],
  [
    ['ENETUNREACH', 'EHOSTUNREACH', 'ERR_INTERNET_DISCONNECTED', 'ERR_ADDRESS_UNREACHABLE'],
    'network',
    (host) => `${host} is unreachable from this network.`,
  ],
];

/** A network failure as one sentence that names the host. */
export function describeNetworkError(error: unknown, host: string): ApiError {
  const code = errorCode(error);
  // The server did answer, with headers past the client's limit: a broken answer, not a lost one.
  if (code === 'UND_ERR_HEADERS_OVERFLOW') return apiError('bad_response', `The answer from ${host} has headers too large to read.`);
  const known = NETWORK_FAILURES.find(([codes]) => codes.includes(code));
  if (known) return apiError(known[1], known[2](host));
  if (TLS_CODE.test(code)) return apiError('network', `The secure (TLS) connection to ${host} failed: ${code}.`);
  return apiError('network', `Could not reach ${host}: ${innermostMessage(error)}.`);
}

function charsetOf(contentType: string | null): string | null {
  if (contentType === null) return null;
  const match = CHARSET.exec(contentType);
  return match ? match[1]!.toLowerCase() : null;
}

function decode(bytes: Uint8Array, charset: string | null): string {
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    // A charset the platform does not know: UTF-8 is the likeliest.
    return new TextDecoder().decode(bytes);
  }
}

type BodyRead =
  | { ok: true; body: string }
  | { ok: false; tooLarge: true }
  | { ok: false; tooLarge: false; cause: unknown };

/** Counts while it reads, so a server that lies about (or omits) Content-Length is still capped. */
async function readCapped(response: Response, maxBytes: number, charset: string | null): Promise<BodyRead> {
  if (response.body === null) return { ok: true, body: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, tooLarge: true };
      }
      chunks.push(read.value);
    }
  } catch (cause) {
    return { ok: false, tooLarge: false, cause };
  }
  return { ok: true, body: decode(Buffer.concat(chunks, total), charset) };
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

function hostOf(url: string): string {
  return new URL(url).host;
}

function resolveLocation(location: string, base: string): URL | null {
  let next: URL;
  try {
    next = new URL(location, base);
  } catch {
    return null;
  }
  return next.protocol === 'https:' || next.protocol === 'http:' ? next : null;
}

/**
 * Sends a request through the injected fetch and reads the answer: one timeout over the whole
 * exchange (redirects and body included), the caller's signal honoured, the body capped, and
 * redirects followed by hand, within the origin only, so credentials never leave it and no
 * answer from elsewhere passes for the server's.
 */
export async function send(request: TransportRequest, options: TransportOptions): Promise<Exchange> {
  const { fetch: doFetch, signal: callerSignal, timeoutMs, maxBodyBytes } = options;
  if (callerSignal?.aborted) return { ok: false, error: cancelledError(), headers: null };

  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = callerSignal === undefined ? timeout : AbortSignal.any([timeout, callerSignal]);

  let method: string = request.method;
  let url = request.url;
  const fail = (error: ApiError, headers: Headers | null): Exchange => ({ ok: false, error, headers });
  const interrupted = (cause: unknown, status: number | null, headers: Headers | null): Exchange => {
    if (timeout.aborted) {
      const message = `${hostOf(url)} did not answer within ${describeSeconds(timeoutMs)}.`;
      return fail(apiError('timeout', message, status), headers);
    }
    if (callerSignal?.aborted) return fail(cancelledError(), headers);
    return fail({ ...describeNetworkError(cause, hostOf(url)), status }, headers);
  };

  for (let redirects = 0; ; redirects += 1) {
    const headers: Record<string, string> = { Accept: request.accept, 'User-Agent': USER_AGENT };
    if (request.authorize !== null) headers.Authorization = request.authorize(method, url);
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, redirect: 'manual', signal });
    } catch (cause) {
      if (!timeout.aborted && !callerSignal?.aborted && isCancelledRedirect(cause)) {
        return fail(unfollowableRedirect(url), null);
      }
      return interrupted(cause, null, null);
    }
    const { status } = response;
    if (response.type === 'opaqueredirect' || status === 0) {
      discard(response);
      return fail(unfollowableRedirect(url), null);
    }
    const location = REDIRECTS.has(status) ? response.headers.get('location') : null;
    if (location !== null) {
      discard(response);
      if (redirects === MAX_REDIRECTS) {
        const message = `${hostOf(url)} redirected more than ${MAX_REDIRECTS} times.`;
        return fail(apiError('bad_response', message, status), response.headers);
      }
      const next = resolveLocation(location, url);
      if (next === null) {
        const message = `${hostOf(url)} redirected to an address that is not http(s).`;
        return fail(apiError('bad_response', message, status), response.headers);
      }
      // Only within the origin: an answer from elsewhere (or over plain http after https) is not
      // the server's, and a follow "done" there would be a follow that never happened.
      if (next.origin !== new URL(url).origin) return fail(elsewhere(url, next, status), response.headers);
      if (status === 303) method = 'GET';
      url = next.href;
      continue;
    }

    const contentType = response.headers.get('content-type');
    const tooLarge = (): Exchange => {
      const message = `The answer from ${hostOf(url)} is too large (over ${describeBytes(maxBodyBytes)}).`;
      return fail(apiError('bad_response', message, status), response.headers);
    };
    if (Number(response.headers.get('content-length')) > maxBodyBytes) {
      discard(response);
      return tooLarge();
    }
    const body = await readCapped(response, maxBodyBytes, charsetOf(contentType));
    if (!body.ok) return body.tooLarge ? tooLarge() : interrupted(body.cause, status, response.headers);
    return { ok: true, status, headers: response.headers, contentType, body: body.body };
  }
}

/**
 * A fetch that follows the spec to the letter (a browser's) hides a manual redirect behind an
 * opaque response; Electron's net.fetch rejects with "Redirect was cancelled". Either way the
 * Location is out of reach, and following blindly could carry credentials elsewhere.
 */
function isCancelledRedirect(cause: unknown): boolean {
  return cause instanceof Error && CANCELLED_REDIRECT.test(cause.message);
}

function unfollowableRedirect(url: string): ApiError {
  return apiError(
    'bad_response',
    `${hostOf(url)} redirected the request and it could not be followed safely: ` +
      'check the address (https:// instead of http://?).',
  );
}

function elsewhere(url: string, next: URL, status: number): ApiError {
  const downgrade = new URL(url).protocol === 'https:' && next.protocol === 'http:';
  const why = downgrade ? 'from https to plain http' : 'to another server';
  return apiError('bad_response', `${hostOf(url)} redirected the request ${why}, ${next.origin}: it was not sent there. Check the address.`, status);
}

function cancelledError(): ApiError {
  return apiError('network', 'The request was cancelled.');
}
