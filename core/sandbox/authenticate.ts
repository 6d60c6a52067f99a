/** Checks a request's credentials: HTTP Basic against the directory, OAuth 1.0a signatures. */
import { timingSafeEqual, createHash } from 'node:crypto';
import { passwordFor, type NonceStore } from './credentials.js';
import type { Directory, DirectoryUser } from './directory.js';
import { baseStringUri, hmacSha1Signature, parseOAuthHeader, signatureBaseString, signaturesMatch } from './oauth-signature.js';
import type { Pair } from './percent.js';

/** What a signature covers: the request as it arrived. */
export interface SignedRequest {
  method: string;
  /** The Host header, e.g. `127.0.0.1:8080`. */
  host: string;
  /** The path as sent, still percent-encoded, without the query. */
  path: string;
  query: readonly Pair[];
  /** Form-encoded body parameters; empty for any other body. */
  form: readonly Pair[];
  authorization: string | undefined;
}

export type AuthScheme = 'basic' | 'oauth' | 'none';

/** The scheme a request tried, whatever came of it. */
export function authSchemeOf(authorization: string | undefined): AuthScheme {
  if (authorization === undefined) return 'none';
  if (/^basic(\s|$)/i.test(authorization)) return 'basic';
  if (/^oauth(\s|$)/i.test(authorization)) return 'oauth';
  return 'none';
}

export const NOT_AUTHENTICATED = 'Could not authenticate you.';

export type OAuthCheck =
  | { ok: true; params: Record<string, string>; token: string | null }
  | { ok: false; message: string };

export interface OAuthRules {
  consumerSecret: (consumerKey: string) => string | undefined;
  /** The secret of the token the request must carry; null when it must carry none. */
  tokenSecret: ((token: string) => string | undefined) | null;
  nonces: NonceStore;
  nowMs: number;
  timestampWindowSeconds: number;
}

/** RFC 5849 §3.2: signature, timestamp window, then the nonce (so forgeries cannot burn nonces). */
export function verifyOAuth(request: SignedRequest, rules: OAuthRules): OAuthCheck {
  const header = request.authorization === undefined ? null : parseOAuthHeader(request.authorization);
  if (header === null) return { ok: false, message: NOT_AUTHENTICATED };
  const p = header.params;
  if (p.oauth_signature_method !== 'HMAC-SHA1') {
    return { ok: false, message: 'Unsupported signature method: only HMAC-SHA1 is accepted.' };
  }
  if (p.oauth_version !== undefined && p.oauth_version !== '1.0') {
    return { ok: false, message: 'Unsupported OAuth version.' };
  }
  const consumerSecret = p.oauth_consumer_key === undefined ? undefined : rules.consumerSecret(p.oauth_consumer_key);
  if (consumerSecret === undefined) return { ok: false, message: 'Invalid consumer key.' };

  const timestamp = p.oauth_timestamp;
  if (timestamp === undefined || !/^[0-9]{1,12}$/.test(timestamp)) {
    return { ok: false, message: 'Missing or invalid oauth_timestamp.' };
  }
  if (Math.abs(rules.nowMs / 1000 - Number(timestamp)) > rules.timestampWindowSeconds) {
    return { ok: false, message: 'Timestamp out of bounds.' };
  }
  if (!p.oauth_nonce) return { ok: false, message: 'Missing oauth_nonce.' };

  const token = p.oauth_token ?? null;
  let tokenSecret = '';
  if (rules.tokenSecret !== null) {
    const secret = token === null ? undefined : rules.tokenSecret(token);
    if (secret === undefined) return { ok: false, message: 'Invalid / expired Token' };
    tokenSecret = secret;
  } else if (token !== null && token !== '') {
    return { ok: false, message: 'This step is signed with the consumer only, without a token.' };
  }

  const uri = baseStringUri('http', request.host, request.path);
  const base = signatureBaseString(request.method, uri, [...request.query, ...request.form, ...Object.entries(p)]);
  if (!signaturesMatch(hmacSha1Signature(base, consumerSecret, tokenSecret), header.signature)) {
    return { ok: false, message: 'Incorrect signature' };
  }
  const nonceKey = JSON.stringify([p.oauth_consumer_key, token, timestamp, p.oauth_nonce]);
  if (!rules.nonces.claim(nonceKey, rules.nowMs)) {
    return { ok: false, message: 'Invalid / used nonce' };
  }
  return { ok: true, params: { ...p }, token };
}

/** Equal-length digests, so the comparison's time says nothing about the password. */
function samePassword(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `Basic base64(user:password)`, UTF-8; the user is a screen name in any case. */
export function verifyBasic(authorization: string, directory: Directory): DirectoryUser | null {
  const match = /^basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  const user = directory.byScreenName(decoded.slice(0, colon));
  if (!user || user.suspended) return null;
  return samePassword(decoded.slice(colon + 1), passwordFor(user.screenName)) ? user : null;
}
