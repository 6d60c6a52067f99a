import type { Account } from './account.js';
import { basicAuthorization } from './auth/basic.js';
import type { OAuthInputs, OAuthKeys } from './auth/oauth1.js';
import { classifyFailure } from './classify-error.js';
import type { BefriendClient, ClientOptions, OAuthConsumer, RequestOptions, SearchOptions } from './client-api.js';
import { apiError } from './errors.js';
import { buildRequest, parseBaseUrl, percentEncode, type ApiCall } from './follow-request.js';
import { parseIdsPage, parseUsersPage } from './format/parse-graph-body.js';
import { parseUserBody, parseUsersBody } from './format/parse-user-body.js';
import { readRateLimit } from './rate-limit.js';
import type { Result } from './result.js';
import { hasUserSearch, profileFor } from './server-profiles.js';
import { parseTarget } from './target.js';
import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_TIMEOUT_MS,
  send,
  type Exchange,
  type TransportRequest,
} from './transport.js';
import type { ApiError, Format, RateLimit, UserResult, UsersResult } from './types.js';
import { webPageError } from './web-page.js';

const DEFAULT_SEARCH_COUNT = 20;
const TOKEN_ACCEPT = 'application/x-www-form-urlencoded, text/plain;q=0.9, */*;q=0.5';

type Authorize = NonNullable<TransportRequest['authorize']>;

function rateLimitOf(exchange: Exchange, account: Account): RateLimit | null {
  if (exchange.headers === null) return null;
  return readRateLimit(exchange.headers, profileFor(account.profile)?.rateLimitNaming);
}

/**
 * A 2xx body read by `parse` (a follow that says `following: false` is still a follow, spec §3);
 * any other status classified, with the status on every failure that has one.
 */
async function readAnswer<T extends object>(
  exchange: Exchange,
  parse: (body: string) => Result<T> | Promise<Result<T>>,
): Promise<Result<T>> {
  if (!exchange.ok) return { ok: false, error: exchange.error };
  if (exchange.status < 200 || exchange.status > 299) {
    return { ok: false, error: await classifyFailure(exchange.status, exchange.body, exchange.contentType) };
  }
  const parsed = await parse(exchange.body);
  return parsed.ok ? parsed : { ok: false, error: { ...parsed.error, status: exchange.status } };
}

/** The answer read by `parse` (unless it is a web page), with what it said about the rate limit. */
async function withRateLimit<T extends object>(exchange: Exchange, account: Account, parse: (body: string) => Promise<Result<T>>) {
  const page = exchange.ok ? webPageError(exchange.status, exchange.body, exchange.contentType, account) : null;
  const answer: Result<T> = page === null ? await readAnswer(exchange, parse) : { ok: false, error: page };
  return { ...answer, rateLimit: rateLimitOf(exchange, account) };
}

function timeoutProblem(timeoutMs: number): ApiError | null {
  if (Number.isInteger(timeoutMs) && timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS) return null;
  return apiError(
    'invalid_request',
    `The timeout must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS} (about 24 days; got ${timeoutMs}).`,
  );
}

/** request_token and access_token answer `oauth_token=…&oauth_token_secret=…` (RFC 5849 §2.1, §2.3). */
function tokenAnswer(exchange: Exchange, endpoint: string): Promise<Result<{ fields: URLSearchParams }>> {
  return readAnswer(exchange, (body) => {
    const fields = new URLSearchParams(body.trim());
    if (fields.get('oauth_token') && fields.get('oauth_token_secret')) return { ok: true, fields };
    const message = `The server's answer to ${endpoint} has no oauth_token and oauth_token_secret: check the OAuth address.`;
    return { ok: false, error: apiError('bad_response', message) };
  });
}

/**
 * The core's client: builds each request (refusing bad ones before sending), signs it with Basic
 * or OAuth 1.0a, sends it through the host's fetch and returns a typed result. Never rejects.
 */
export function createClient(options: ClientOptions = {}): BefriendClient {
  const doFetch = options.fetch ?? fetch;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  // The signer (oauth-1.0a, node:crypto) is loaded for the first OAuth request only.
  const oauthSigner = async (keys: OAuthKeys, extra: Pick<OAuthInputs, 'callback' | 'verifier'> = {}): Promise<Authorize> => {
    const oauth = await import('./auth/oauth1.js');
    const now = options.now ?? oauth.defaultTimestamp;
    const nonce = options.nonce ?? oauth.defaultNonce;
    return (method, url) => oauth.oauthAuthorization(method, new URL(url), null, keys, { timestamp: now(), nonce: nonce(), ...extra });
  };

  const authorizerFor = async (account: Account): Promise<Authorize> => {
    const credentials = account.credentials;
    if (credentials.mode === 'basic') return () => basicAuthorization(credentials.username, credentials.password);
    return oauthSigner(credentials);
  };

  const exchange = async (request: TransportRequest, requestOptions: RequestOptions): Promise<Exchange> => {
    const timeoutMs = requestOptions.timeoutMs ?? defaultTimeoutMs;
    const problem = timeoutProblem(timeoutMs);
    if (problem !== null) return { ok: false, error: problem, headers: null };
    return send(request, { fetch: doFetch, timeoutMs, maxBodyBytes, signal: requestOptions.signal });
  };

  /** Builds, signs and sends one API call; a refused call comes back as an Exchange that never left. */
  const call = async (account: Account, apiCall: ApiCall, requestOptions: RequestOptions, format: Format): Promise<Exchange> => {
    const built = buildRequest(account, apiCall, format);
    if (!built.ok) return { ok: false, error: built.error, headers: null };
    const { method, url, accept } = built.request;
    return exchange({ method, url, accept, authorize: await authorizerFor(account) }, requestOptions);
  };

  const userCall = async (account: Account, apiCall: ApiCall, requestOptions: RequestOptions): Promise<UserResult> => {
    const format = requestOptions.format ?? account?.format;
    return withRateLimit(await call(account, apiCall, requestOptions, format), account, (body) => parseUserBody(body, format));
  };

  /** Where there is no users/search: look the query up as a screen name (or a user id, if numeric). */
  const searchByShow = async (account: Account, query: string, searchOptions: SearchOptions): Promise<UsersResult> => {
    const parsed = parseTarget(query, { numericAs: 'user_id' });
    if (!parsed.ok) return { ok: true, users: [], rateLimit: null };
    const shown = await userCall(account, { endpoint: 'users/show', target: parsed.target }, searchOptions);
    if (shown.ok) return { ok: true, users: [shown.user], rateLimit: shown.rateLimit };
    if (shown.error.kind === 'not_found') return { ok: true, users: [], rateLimit: shown.rateLimit };
    return shown;
  };

  /**
   * One step of the PIN flow: a POST to `{oauthBase}/{step}` signed with the consumer (and the
   * request token, when there is one). `problem` is the caller's own refusal, reported after the
   * address and the consumer have been checked.
   */
  const tokenStep = async (
    oauthBase: string,
    consumer: OAuthConsumer,
    step: 'request_token' | 'access_token',
    token: { token: string; tokenSecret: string } | null,
    extra: Pick<OAuthInputs, 'callback' | 'verifier'>,
    requestOptions: RequestOptions,
    problem: ApiError | null = null,
  ): Promise<Result<{ base: string; fields: URLSearchParams }>> => {
    const base = parseBaseUrl(oauthBase, 'OAuth address');
    if (!base.ok) return base;
    if (!consumer?.key || !consumer.secret) {
      return { ok: false, error: apiError('invalid_request', 'The OAuth consumer key and secret are both needed.') };
    }
    if (problem !== null) return { ok: false, error: problem };
    const keys = {
      consumerKey: consumer.key,
      consumerSecret: consumer.secret,
      token: token?.token ?? null,
      tokenSecret: token?.tokenSecret ?? null,
    };
    const url = `${base.base}/${step}`;
    const authorize = await oauthSigner(keys, extra);
    const answer = await tokenAnswer(await exchange({ method: 'POST', url, accept: TOKEN_ACCEPT, authorize }, requestOptions), step);
    return answer.ok ? { ...answer, base: base.base } : answer;
  };

  return {
    follow(account, target, followOptions = {}) {
      return userCall(account, { endpoint: 'friendships/create', target, notify: followOptions.notify === true }, followOptions);
    },

    unfollow(account, target, requestOptions = {}) {
      return userCall(account, { endpoint: 'friendships/destroy', target }, requestOptions);
    },

    show(account, target, requestOptions = {}) {
      return userCall(account, { endpoint: 'users/show', target }, requestOptions);
    },

    verifyCredentials(account, requestOptions = {}) {
      return userCall(account, { endpoint: 'account/verify_credentials' }, requestOptions);
    },

    async search(account, query, searchOptions = {}) {
      const trimmed = typeof query === 'string' ? query.trim() : '';
      if (trimmed === '') return { ok: false, error: apiError('invalid_request', 'Type something to search for.'), rateLimit: null };
      if (!hasUserSearch(account)) return searchByShow(account, trimmed, searchOptions);
      const count = searchOptions.count ?? DEFAULT_SEARCH_COUNT;
      const format = searchOptions.format ?? account?.format;
      const answer = await call(account, { endpoint: 'users/search', query: trimmed, count }, searchOptions, format);
      // GNU social and other servers without users/search answer 404 for it.
      if (answer.ok && answer.status === 404) return searchByShow(account, trimmed, searchOptions);
      return withRateLimit(answer, account, (body) => parseUsersBody(body, format));
    },

    async friendIdsPage(account, at, requestOptions = {}) {
      const format = requestOptions.format ?? account?.format;
      const answer = await call(account, { endpoint: 'friends/ids', at }, requestOptions, format);
      return withRateLimit(answer, account, (body) => parseIdsPage(body, format));
    },

    async friendsPage(account, at, requestOptions = {}) {
      const format = requestOptions.format ?? account?.format;
      const answer = await call(account, { endpoint: 'statuses/friends', at }, requestOptions, format);
      return withRateLimit(answer, account, (body) => parseUsersPage(body, format));
    },

    async lookupUsers(account, lookup, requestOptions = {}) {
      const format = requestOptions.format ?? account?.format;
      const answer = await call(account, { endpoint: 'users/lookup', ...lookup }, requestOptions, format);
      return withRateLimit(answer, account, (body) => parseUsersBody(body, format));
    },

    async requestToken(oauthBase, consumer, requestOptions = {}) {
      const answer = await tokenStep(oauthBase, consumer, 'request_token', null, { callback: 'oob' }, requestOptions);
      if (!answer.ok) return answer;
      const token = answer.fields.get('oauth_token')!;
      return {
        ok: true,
        token,
        tokenSecret: answer.fields.get('oauth_token_secret')!,
        authorizeUrl: `${answer.base}/authorize?oauth_token=${percentEncode(token)}`,
      };
    },

    async accessToken(oauthBase, consumer, requestToken, pin, requestOptions = {}) {
      const verifier = typeof pin === 'string' ? pin.trim() : '';
      const problem =
        verifier === ''
          ? apiError('invalid_request', 'Type the PIN the server showed you after you allowed access.')
          : requestToken?.token
            ? null
            : apiError('invalid_request', 'No request token: start signing in again.');
      const answer = await tokenStep(oauthBase, consumer, 'access_token', requestToken, { verifier }, requestOptions, problem);
      if (!answer.ok) return answer;
      return {
        ok: true,
        token: answer.fields.get('oauth_token')!,
        tokenSecret: answer.fields.get('oauth_token_secret')!,
        userId: answer.fields.get('user_id') || null,
        screenName: answer.fields.get('screen_name') || null,
      };
    },
  };
}
