/**
 * The Twitter v1 API under `/1`: friendships/create and destroy, users/show and search, and
 * account/verify_credentials, behind authentication and the per-account rate limit.
 */
import type { Format } from '../types.js';
import { authSchemeOf, NOT_AUTHENTICATED, verifyBasic, verifyOAuth } from './authenticate.js';
import { DEMO_CREDENTIALS } from './credentials.js';
import type { DirectoryUser } from './directory.js';
import { percentDecode } from './percent.js';
import { rateLimitHeaders, rateLimitMessage } from './rate-window.js';
import {
  relationBetween,
  type RouteRequest,
  type SandboxResponse,
  type SandboxState,
} from './state.js';
import { CONTENT_TYPES, renderError, renderUser, renderUsers } from './v1-render.js';

type Endpoint = 'friendships/create' | 'friendships/destroy' | 'users/show' | 'users/search' | 'account/verify_credentials';

const ENDPOINTS: Record<Endpoint, { method: 'GET' | 'POST'; idInPath: boolean }> = {
  'friendships/create': { method: 'POST', idInPath: true },
  'friendships/destroy': { method: 'POST', idInPath: true },
  'users/show': { method: 'GET', idInPath: true },
  'users/search': { method: 'GET', idInPath: false },
  'account/verify_credentials': { method: 'GET', idInPath: false },
};

const ROUTE = /^\/1\/(friendships\/create|friendships\/destroy|users\/show|users\/search|account\/verify_credentials)(?:\/([^/]+))?\.([^./]+)$/;

/** Twitter capped a users/search page at 20. */
const SEARCH_PAGE_MAX = 20;

/** The format an error about `path` is written in: its extension when it names one, else JSON. */
export function formatOfPath(path: string): Format {
  return path.endsWith('.xml') ? 'xml' : 'json';
}

export function v1Error(
  format: Format,
  status: number,
  request: string,
  message: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'Content-Type': CONTENT_TYPES[format], ...headers },
    body: renderError(format, request, message),
  };
}

/** The person a request names, or why it names no one. */
type TargetLookup =
  | { kind: 'missing' }
  | { kind: 'unknown' }
  | { kind: 'found'; user: DirectoryUser };

const DIGITS = /^[0-9]{1,20}$/;

function byUserId(state: SandboxState, raw: string): DirectoryUser | undefined {
  return DIGITS.test(raw) ? state.directory.byId(BigInt(raw).toString()) : undefined;
}

/**
 * v1's rules: the path's `{id}` (or an `id` parameter) is a user id when it is all digits and
 * such a user exists, otherwise a screen name; `user_id` and `screen_name` mean only that.
 */
function lookupTarget(state: SandboxState, idInPath: string | null, params: Record<string, string>): TargetLookup {
  const found = (user: DirectoryUser | undefined): TargetLookup => (user ? { kind: 'found', user } : { kind: 'unknown' });
  const id = idInPath ?? params.id;
  if (id !== undefined && id !== '') {
    return found(byUserId(state, id) ?? state.directory.byScreenName(id));
  }
  if (params.user_id !== undefined && params.user_id !== '') return found(byUserId(state, params.user_id));
  if (params.screen_name !== undefined && params.screen_name !== '') {
    return found(state.directory.byScreenName(params.screen_name));
  }
  return { kind: 'missing' };
}

interface Call {
  request: RouteRequest;
  format: Format;
  /** The path as v1 echoes it in error bodies. */
  path: string;
  idInPath: string | null;
  caller: DirectoryUser;
  headers: Record<string, string>;
}

function ok(call: Call, body: string): SandboxResponse {
  return {
    status: 200,
    headers: { 'Content-Type': CONTENT_TYPES[call.format], ...call.headers },
    body,
    mangleAs: call.format,
  };
}

function fail(call: Call, status: number, message: string): SandboxResponse {
  return v1Error(call.format, status, call.path, message, call.headers);
}

function userBody(state: SandboxState, call: Call, user: DirectoryUser): string {
  return renderUser(
    call.format,
    user,
    (u) => relationBetween(state, call.caller, u),
    (name) => state.directory.byScreenName(name),
  );
}

const MISSING_TARGET = 'You must specify one of id, user_id or screen_name.';
const NOT_FOUND = 'Not found';
const SUSPENDED = 'User has been suspended.';

function countFollowRequest(state: SandboxState, user: DirectoryUser): void {
  state.followRequests.set(user.screenName, (state.followRequests.get(user.screenName) ?? 0) + 1);
}

function create(state: SandboxState, call: Call): SandboxResponse {
  const target = lookupTarget(state, call.idInPath, call.request.params);
  if (target.kind === 'missing') return fail(call, 400, MISSING_TARGET);
  if (target.kind === 'unknown') return fail(call, 404, NOT_FOUND);
  const user = target.user;
  countFollowRequest(state, user);
  if (user.id === call.caller.id) return fail(call, 403, "Could not follow user: You can't follow yourself.");
  if (user.suspended) return fail(call, 403, SUSPENDED);
  const edge = state.graph.get(call.caller.id, user.id);
  if (edge?.pending) return fail(call, 403, `You've already requested to follow ${user.screenName}.`);
  if (edge) return fail(call, 403, `Could not follow user: ${user.screenName} is already on your list.`);
  // Like v1: `follow` present at all, even `follow=false`, turns device notifications on.
  const notifications = Object.hasOwn(call.request.params, 'follow');
  state.graph.set(call.caller.id, user.id, { notifications, pending: user.protected });
  return ok(call, userBody(state, call, user));
}

function destroy(state: SandboxState, call: Call): SandboxResponse {
  const target = lookupTarget(state, call.idInPath, call.request.params);
  if (target.kind === 'missing') return fail(call, 400, MISSING_TARGET);
  if (target.kind === 'unknown') return fail(call, 404, NOT_FOUND);
  const user = target.user;
  if (user.suspended) return fail(call, 403, SUSPENDED);
  if (!state.graph.delete(call.caller.id, user.id)) {
    return fail(call, 403, 'You are not friends with the specified user.');
  }
  return ok(call, userBody(state, call, user));
}

function show(state: SandboxState, call: Call): SandboxResponse {
  const target = lookupTarget(state, call.idInPath, call.request.params);
  if (target.kind === 'missing') return fail(call, 400, MISSING_TARGET);
  if (target.kind === 'unknown') return fail(call, 404, NOT_FOUND);
  if (target.user.suspended) return fail(call, 403, SUSPENDED);
  return ok(call, userBody(state, call, target.user));
}

function search(state: SandboxState, call: Call): SandboxResponse {
  const query = call.request.params.q;
  if (query === undefined || query.trim() === '') return fail(call, 400, 'Missing or empty parameter: q.');
  const rawCount = call.request.params.count ?? call.request.params.per_page;
  const asked = rawCount !== undefined && /^[0-9]{1,4}$/.test(rawCount) ? Number(rawCount) : SEARCH_PAGE_MAX;
  const users = state.directory.search(query.trim(), Math.min(Math.max(asked, 1), SEARCH_PAGE_MAX));
  return ok(
    call,
    renderUsers(
      call.format,
      users,
      (u) => relationBetween(state, call.caller, u),
      (name) => state.directory.byScreenName(name),
    ),
  );
}

const HANDLERS: Record<Endpoint, (state: SandboxState, call: Call) => SandboxResponse> = {
  'friendships/create': create,
  'friendships/destroy': destroy,
  'users/show': show,
  'users/search': search,
  'account/verify_credentials': (state, call) => ok(call, userBody(state, call, call.caller)),
};

/** The caller, by Basic or OAuth; null when the credentials are missing or wrong. */
function authenticate(state: SandboxState, request: RouteRequest): { user: DirectoryUser | null; message: string } {
  const scheme = authSchemeOf(request.authorization);
  if (scheme === 'basic') {
    return { user: verifyBasic(request.authorization!, state.directory), message: NOT_AUTHENTICATED };
  }
  if (scheme === 'oauth') {
    const checked = verifyOAuth(request, {
      consumerSecret: (key) => (key === DEMO_CREDENTIALS.consumerKey ? DEMO_CREDENTIALS.consumerSecret : undefined),
      tokenSecret: (token) => state.tokens.accessToken(token)?.secret,
      nonces: state.nonces,
      nowMs: state.now(),
      timestampWindowSeconds: state.timestampWindowSeconds,
    });
    if (!checked.ok) return { user: null, message: checked.message };
    const access = state.tokens.accessToken(checked.token!);
    const user = access ? state.directory.byId(access.userId) : undefined;
    return user && !user.suspended ? { user, message: '' } : { user: null, message: NOT_AUTHENTICATED };
  }
  return { user: null, message: NOT_AUTHENTICATED };
}

/** True for paths this module answers. */
export function isApiPath(path: string): boolean {
  return path === '/1' || path.startsWith('/1/');
}

/**
 * Answers one API request; `onCaller` learns who authenticated, for the request record.
 */
export function handleApi(
  state: SandboxState,
  request: RouteRequest,
  onCaller: (user: DirectoryUser) => void,
): SandboxResponse {
  const route = ROUTE.exec(request.path);
  const fallbackFormat = formatOfPath(request.path);
  if (!route) return v1Error(fallbackFormat, 404, request.path, 'Not found: no such API method.');
  const endpoint = route[1] as Endpoint;
  const ext = route[3]!;
  if (ext !== 'xml' && ext !== 'json') {
    return v1Error('json', 404, request.path, `Not found: unknown format ".${ext}" (use .xml or .json).`);
  }
  const format: Format = ext;
  const { method, idInPath: takesId } = ENDPOINTS[endpoint];
  let idInPath: string | null = null;
  if (route[2] !== undefined) {
    if (!takesId) return v1Error(format, 404, request.path, 'Not found: no such API method.');
    idInPath = percentDecode(route[2]);
    if (idInPath === null) return v1Error(format, 400, request.path, 'Malformed percent-encoding in the path.');
  }
  if (request.method !== method) {
    return v1Error(format, 405, request.path, `This method requires a ${method}.`, { Allow: method });
  }

  const authenticated = authenticate(state, request);
  if (authenticated.user === null) {
    return v1Error(format, 401, request.path, authenticated.message, {
      'WWW-Authenticate': 'Basic realm="Twitter API"',
    });
  }
  const caller = authenticated.user;
  onCaller(caller);
  const decision = state.limiter.take(caller.id);
  const headers = rateLimitHeaders(decision);
  if (!decision.allowed) {
    state.rateLimited += 1;
    const config = state.limiter.current;
    return v1Error(format, config.exceededStatus, request.path, rateLimitMessage(config), headers);
  }
  return HANDLERS[endpoint](state, { request, format, path: request.path, idInPath, caller, headers });
}
