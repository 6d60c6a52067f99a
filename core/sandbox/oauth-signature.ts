/**
 * OAuth 1.0a HMAC-SHA1 signatures as the server checks them, written from RFC 5849 §3.4:
 * the signature base string (§3.4.1), parameter normalization (§3.4.1.3.2) and the key (§3.4.2).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { percentDecode, percentEncode, type Pair } from './percent.js';

export interface OAuthHeader {
  /** Every `oauth_*` parameter of the header except `oauth_signature`, decoded. */
  params: Record<string, string>;
  signature: string;
}

const HEADER_PARAM = /^\s*([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"\s*$/;

/**
 * Reads `Authorization: OAuth k="v", …` (RFC 5849 §3.5.1). `realm` is not signed and is dropped;
 * null when the header is not OAuth or a parameter is malformed or repeated.
 */
export function parseOAuthHeader(header: string): OAuthHeader | null {
  const match = /^OAuth(?:\s+([\s\S]*))?$/i.exec(header.trim());
  if (!match) return null;
  const params: Record<string, string> = Object.create(null);
  let signature: string | null = null;
  const body = match[1] ?? '';
  for (const part of body.split(',')) {
    if (part.trim() === '') continue;
    const param = HEADER_PARAM.exec(part);
    if (!param) return null;
    const name = percentDecode(param[1]!);
    const value = percentDecode(param[2]!);
    if (name === null || value === null) return null;
    if (name === 'realm') continue;
    if (name === 'oauth_signature') {
      if (signature !== null) return null;
      signature = value;
      continue;
    }
    if (!name.startsWith('oauth_') || Object.hasOwn(params, name)) return null;
    params[name] = value;
  }
  if (signature === null) return null;
  return { params, signature };
}

/** §3.4.1.2: scheme and host lowercase, default port dropped, path as sent. */
export function baseStringUri(scheme: string, host: string, path: string): string {
  const lowerScheme = scheme.toLowerCase();
  let authority = host.toLowerCase();
  const defaultPort = lowerScheme === 'https' ? ':443' : ':80';
  if (authority.endsWith(defaultPort)) authority = authority.slice(0, -defaultPort.length);
  return `${lowerScheme}://${authority}${path}`;
}

/** §3.4.1.3.2: encode names and values, sort by name then value (byte order), join. */
export function normalizeParameters(pairs: readonly Pair[]): string {
  return pairs
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** §3.4.1.1: `METHOD&encoded-uri&encoded-normalized-parameters`. */
export function signatureBaseString(method: string, uri: string, pairs: readonly Pair[]): string {
  return [method.toUpperCase(), percentEncode(uri), percentEncode(normalizeParameters(pairs))].join(
    '&',
  );
}

/** §3.4.2: HMAC-SHA1 keyed by `consumer_secret&token_secret`, base64. */
export function hmacSha1Signature(
  baseString: string,
  consumerSecret: string,
  tokenSecret: string,
): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

/** Compares without leaking, through timing, how much of a forged signature was right. */
export function signaturesMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
