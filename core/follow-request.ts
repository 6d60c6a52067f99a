import type { Account } from './account.js';
import { basicCredentialsProblem, insecureBasicProblem } from './auth/basic.js';
import { apiError } from './errors.js';
import type { Failure, Result } from './result.js';
import { profileFor } from './server-profiles.js';
import { isSelf, type Target } from './target.js';
import type { ApiError, Format } from './types.js';

/** One call of the API (spec §1 and §6), before it has a URL. */
export type ApiCall =
  | { endpoint: 'friendships/create'; target: Target; notify?: boolean }
  | { endpoint: 'friendships/destroy'; target: Target }
  | { endpoint: 'users/show'; target: Target }
  | { endpoint: 'users/search'; query: string; count: number }
  | { endpoint: 'account/verify_credentials' }
  | { endpoint: 'friends/ids' | 'statuses/friends'; at: GraphPage }
  | { endpoint: 'users/lookup'; by: 'user_id' | 'screen_name'; values: readonly string[] };

/**
 * Which page of the follow graph: Twitter's `cursor` (-1 first), or GNU social's `page` (from 1),
 * since GNU social ignores `cursor` and pages by number.
 */
export type GraphPage = { cursor: string } | { page: number };

/** How many a GNU social page is asked for: its default was smaller. */
export const GRAPH_PAGE_COUNT = 100;

/** Twitter's users/lookup took at most 100 names or ids. */
export const LOOKUP_BATCH = 100;

export interface ApiRequest {
  method: 'GET' | 'POST';
  /** Absolute, with parameters in the query string as the documentation sends them (the body stays empty). */
  url: string;
  format: Format;
  accept: string;
}

export type RequestBuild = Result<{ request: ApiRequest }>;

/** RFC 3986 percent-encoding: only unreserved characters stay as they are (also what OAuth signs). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const TRAILING_SLASHES = /\/+$/;

function refuse(message: string): Failure {
  return { ok: false, error: apiError('invalid_request', message) };
}

export type BaseUrlParse = Result<{ base: string; url: URL }>;

/**
 * An absolute http(s) root with nothing after its path, trailing slashes dropped; an error
 * saying what is wrong otherwise. `what` names the address in the message.
 */
export function parseBaseUrl(raw: string, what: string): BaseUrlParse {
  if (typeof raw !== 'string') return refuse(`The ${what} is missing.`);
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse(`The ${what} "${raw}" is not an absolute URL such as https://api.twitter.com/1.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return refuse(`The ${what} must start with https:// or http://, not ${url.protocol}.`);
  }
  if (url.username !== '' || url.password !== '') {
    return refuse(`The ${what} must not contain a user name or password.`);
  }
  if (url.search !== '' || url.hash !== '') {
    return refuse(`The ${what} must not have a query (?…) or fragment (#…).`);
  }
  const base = (url.origin + url.pathname).replace(TRAILING_SLASHES, '');
  return { ok: true, base, url };
}

const DIGITS = /^[0-9]+$/;

/** Never send a call without its target: GNU social would then act on the caller itself. */
function targetProblem(target: Target): string | null {
  if (typeof target !== 'object' || target === null) return 'No account given: type a screen name or a user id.';
  if (target.form !== 'user_id' && target.form !== 'screen_name' && target.form !== 'id') {
    return 'The target must be sent as a screen_name, a user_id or an id.';
  }
  if (typeof target.value !== 'string' || target.value.trim() === '') {
    return 'No account given: type a screen name or a user id.';
  }
  if (target.form === 'user_id' && !DIGITS.test(target.value)) {
    return `"${target.value}" is not a user id: user ids are digits only.`;
  }
  return null;
}

function callProblem(call: ApiCall): string | null {
  if ('target' in call) return targetProblem(call.target);
  if (call.endpoint === 'users/search') {
    if (typeof call.query !== 'string' || call.query.trim() === '') return 'Type something to search for.';
    if (!Number.isInteger(call.count) || call.count < 1) {
      return 'The number of results to ask for must be a whole number of at least 1.';
    }
  }
  if (call.endpoint === 'friends/ids' || call.endpoint === 'statuses/friends') {
    const at: unknown = call.at;
    const cursorOk = typeof at === 'object' && at !== null && 'cursor' in at && typeof at.cursor === 'string' && /^-?[0-9]{1,19}$/.test(at.cursor);
    const pageOk = typeof at === 'object' && at !== null && 'page' in at && Number.isSafeInteger(at.page) && (at.page as number) >= 1;
    if (!cursorOk && !pageOk) return 'A page is a cursor (a whole number) or a page number from 1.';
  }
  if (call.endpoint === 'users/lookup') {
    if (!Array.isArray(call.values) || call.values.length < 1 || call.values.length > LOOKUP_BATCH) {
      return `users/lookup takes 1 to ${LOOKUP_BATCH} accounts at once.`;
    }
    if (call.values.some((value) => typeof value !== 'string' || value.trim() === '' || value.includes(','))) {
      return 'Every account looked up needs a name or id without commas.';
    }
    if (call.by === 'user_id' && call.values.some((value) => !DIGITS.test(value))) return 'User ids are digits only.';
  }
  return null;
}

/** `{base}/{path}/{id}.{fmt}` or `{base}/{path}.{fmt}?user_id=…` / `?screen_name=…` (spec §1). */
function targetPath(base: string, path: string, target: Target, format: Format): string {
  if (target.form === 'id') return `${base}/${path}/${percentEncode(target.value)}.${format}`;
  return `${base}/${path}.${format}?${target.form}=${percentEncode(target.value)}`;
}

function graphPageQuery(at: GraphPage): string {
  return 'cursor' in at ? `cursor=${at.cursor}` : `page=${at.page}&count=${GRAPH_PAGE_COUNT}`;
}

/** The URL of a call; pure, no checks beyond the target's shape. `base` has no trailing slash. */
export function callUrl(base: string, call: ApiCall, format: Format): string {
  switch (call.endpoint) {
    case 'friendships/create': {
      const url = targetPath(base, call.endpoint, call.target, format);
      // Twitter v1 turned device updates on whenever `follow` was present, even as follow=false.
      if (call.notify !== true) return url;
      return `${url}${call.target.form === 'id' ? '?' : '&'}follow=true`;
    }
    case 'friendships/destroy':
    case 'users/show':
      return targetPath(base, call.endpoint, call.target, format);
    case 'users/search':
      return `${base}/users/search.${format}?q=${percentEncode(call.query)}&count=${call.count}`;
    case 'account/verify_credentials':
      return `${base}/account/verify_credentials.${format}`;
    case 'friends/ids':
      // Ids as strings where the server supports it: a JSON number past 2^53 would need care.
      return `${base}/friends/ids.${format}?${graphPageQuery(call.at)}&stringify_ids=true`;
    case 'statuses/friends':
      return `${base}/statuses/friends.${format}?${graphPageQuery(call.at)}`;
    case 'users/lookup':
      return `${base}/users/lookup.${format}?${call.by}=${call.values.map(percentEncode).join('%2C')}`;
  }
}

function methodOf(call: ApiCall): 'GET' | 'POST' {
  return call.endpoint === 'friendships/create' || call.endpoint === 'friendships/destroy' ? 'POST' : 'GET';
}

function credentialsProblem(account: Account, apiRoot: URL): ApiError | null {
  const credentials = account.credentials;
  if (credentials.mode === 'basic') {
    return (
      basicCredentialsProblem(credentials.username) ??
      insecureBasicProblem(apiRoot, account.allowInsecureBasic === true)
    );
  }
  if (credentials.consumerKey === '' || credentials.token === '') {
    return apiError('invalid_request', 'The account has no OAuth token: sign in again.');
  }
  return null;
}

function selfProblem(account: Account, call: ApiCall): string | null {
  if (methodOf(call) !== 'POST' || !('target' in call) || !isSelf(call.target, account.self)) return null;
  const verb = call.endpoint === 'friendships/create' ? 'follow' : 'unfollow';
  return `That is the account you are signed in with: you cannot ${verb} yourself.`;
}

/**
 * Builds the request for a call on an account, or refuses it before anything is sent: an API root
 * that is not an absolute http(s) URL, a format or auth mode the server profile lacks, Basic over
 * plain http to another machine, a missing target, or (un)following the signed-in account itself.
 */
export function buildRequest(account: Account, call: ApiCall, format: Format): RequestBuild {
  if (typeof account !== 'object' || account === null) return refuse('No account to send this with.');
  const profile = profileFor(account.profile);
  if (profile === null) return refuse(`Unknown server profile "${String(account.profile)}".`);
  if (!profile.formats.includes(format)) {
    return refuse(
      `${profile.label} does not answer in ${String(format).toUpperCase()}: use ${profile.formats.join(' or ')}.`,
    );
  }
  const mode = account.credentials?.mode;
  if (mode !== 'basic' && mode !== 'oauth') return refuse('The account has no credentials: sign in first.');
  if (!profile.authModes.includes(mode)) {
    return refuse(
      `${profile.label} does not accept ${mode === 'basic' ? 'a password (Basic)' : 'OAuth'}: ` +
        `sign in with ${profile.authModes.join(' or ')}.`,
    );
  }
  const root = parseBaseUrl(account.apiBase, 'API address');
  if (!root.ok) return root;
  const refusedCredentials = credentialsProblem(account, root.url);
  if (refusedCredentials !== null) return { ok: false, error: refusedCredentials };
  const problem = callProblem(call) ?? selfProblem(account, call);
  if (problem !== null) return refuse(problem);
  return {
    ok: true,
    request: {
      method: methodOf(call),
      url: callUrl(root.base, call, format),
      format,
      accept: `application/${format}`,
    },
  };
}
