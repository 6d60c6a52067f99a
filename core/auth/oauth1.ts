import { createHmac, randomBytes } from 'node:crypto';
import OAuth from 'oauth-1.0a';

/** The four keys of an OAuth 1.0a signature; the token pair is absent while asking for a request token. */
export interface OAuthKeys {
  consumerKey: string;
  consumerSecret: string;
  token: string | null;
  tokenSecret: string | null;
}

/** The per-request protocol inputs; callback and verifier only during the PIN flow. */
export interface OAuthInputs {
  timestamp: number;
  nonce: string;
  callback?: string;
  verifier?: string;
}

export type ProtocolParams = Record<string, string>;

/** HMAC-SHA1, base64 (RFC 5849 §3.4.2). */
export function hmacSha1(baseString: string, key: string): string {
  return createHmac('sha1', key).update(baseString).digest('base64');
}

/*
 * One instance serves every account. We use oauth-1.0a for the RFC 5849 normalization (encoding,
 * sorting, the base string) and the header, but not its `authorize`: that draws its own nonce and
 * clock (tests must pin both) and reads parameters back out of the URL with `decodeURIComponent`,
 * which keeps `+` as a plus, leaves names encoded and lets a query value overwrite a body value
 * of the same name. So we hand it the URL without its query and every parameter already decoded.
 * The consumer differs per account, so the signing key is built here, not from the instance.
 */
const signer = new OAuth({
  consumer: { key: '', secret: '' },
  signature_method: 'HMAC-SHA1',
  hash_function: hmacSha1,
});

export function defaultNonce(): string {
  return randomBytes(16).toString('hex');
}

export function defaultTimestamp(): number {
  return Math.floor(Date.now() / 1000);
}

/** The `oauth_*` parameters of a request, before the signature. */
export function protocolParams(keys: OAuthKeys, inputs: OAuthInputs): ProtocolParams {
  const params: ProtocolParams = {
    oauth_consumer_key: keys.consumerKey,
    oauth_nonce: inputs.nonce,
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(Math.floor(inputs.timestamp)),
    oauth_version: '1.0',
  };
  if (keys.token !== null) params.oauth_token = keys.token;
  if (inputs.callback !== undefined) params.oauth_callback = inputs.callback;
  if (inputs.verifier !== undefined) params.oauth_verifier = inputs.verifier;
  return params;
}

/** Query and form parameters, decoded, repeated names kept as lists (RFC 5849 §3.4.1.3.1). */
function requestParams(url: URL, form: URLSearchParams | null): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = Object.create(null);
  const add = (name: string, value: string): void => {
    const existing = params[name];
    if (existing === undefined) params[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else params[name] = [existing, value];
  };
  url.searchParams.forEach((value, name) => add(name, value));
  form?.forEach((value, name) => add(name, value));
  return params;
}

/**
 * RFC 5849 §3.4.1: method, base string URI (scheme and host lowercased, default port dropped, no
 * query, as `URL.origin` gives them) and the normalized parameters, each percent-encoded.
 */
export function signatureBaseString(
  method: string,
  url: URL,
  form: URLSearchParams | null,
  protocol: ProtocolParams,
): string {
  // A copy: the package merges the request parameters into the object it is given. Its typings
  // want a numeric timestamp; it only ever percent-encodes it, so the string is what it signs.
  return signer.getBaseString(
    { method, url: url.origin + url.pathname, data: requestParams(url, form) },
    { ...protocol } as unknown as OAuth.Data,
  );
}

export function signingKey(consumerSecret: string, tokenSecret: string | null): string {
  return `${signer.percentEncode(consumerSecret)}&${signer.percentEncode(tokenSecret ?? '')}`;
}

/** The `Authorization: OAuth …` header for one request (HMAC-SHA1, RFC 5849 §3.5.1). */
export function oauthAuthorization(
  method: string,
  url: URL,
  form: URLSearchParams | null,
  keys: OAuthKeys,
  inputs: OAuthInputs,
): string {
  const protocol = protocolParams(keys, inputs);
  const signature = hmacSha1(
    signatureBaseString(method, url, form, protocol),
    signingKey(keys.consumerSecret, keys.tokenSecret),
  );
  const header = signer.toHeader({ ...protocol, oauth_signature: signature } as unknown as OAuth.Authorization);
  return header.Authorization;
}
