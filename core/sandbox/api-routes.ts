/**
 * The Twitter v1 API under the personality's prefix (`/1`): friendships/create and destroy,
 * users/show and search, account/verify_credentials and the follow-graph reads of
 * graph-routes.ts, behind authentication and the per-account rate limit. A personality may
 * answer some endpoints its own way.
 */
import type { Format } from '../types.js';
import { authSchemeOf, NOT_AUTHENTICATED, verifyBasic, verifyOAuth } from './authenticate.js';
import type { DirectoryUser } from './directory.js';
import { GRAPH_ENDPOINTS } from './graph-routes.js';
import { profileUrlsOn } from './personality.js';
import { sandboxOAuthRules } from './oauth-routes.js';
import { percentDecode } from './percent.js';
import { rateLimitHeaders, rateLimitMessage } from './rate-window.js';
import { relationBetween, type RouteRequest, type SandboxResponse, type SandboxState } from './state.js';
import { CONTENT_TYPES, renderError, renderUsers } from './v1-render.js';

export interface Call {
  request: RouteRequest;
  format: Format;
  idInPath: string | null;
  caller: DirectoryUser;
  headers: Record<string, string>;
}

export type Handler = (state: SandboxState, call: Call) => SandboxResponse;

const routes = new Map<string, RegExp>();

function routeFor(prefix: string): RegExp {
  let route = routes.get(prefix);
  if (route === undefined) {
    route = new RegExp(`^${prefix.replace(/[.]/g, '\\.')}/([a-z_]+/[a-z_]+)(?:/([^/]+))?\\.([^./]+)$`);
    routes.set(prefix, route);
  }
  return route;
}

/** Twitter capped a users/search page at 20. */
const SEARCH_PAGE_MAX = 20;
const SUSPENDED = 'User has been suspended.';

/** An error in v1's shape, in the format the path's extension names (JSON when it names neither). */
export function v1Error(path: string, status: number, message: string, headers: Record<string, string> = {}): SandboxResponse {
  const format = path.endsWith('.xml') ? 'xml' : 'json';
  return { status, headers: { 'Content-Type': CONTENT_TYPES[format], ...headers }, body: renderError(format, path, message) };
}

/** 200 with the user (or the list) as the caller sees them. */
export function ok(state: SandboxState, call: Call, users: DirectoryUser | DirectoryUser[]): SandboxResponse {
  const body = renderUsers(
    call.format,
    users,
    (u) => relationBetween(state, call.caller, u),
    (name) => state.directory.byScreenName(name),
    profileUrlsOn(state.personality, call.request.host),
  );
  const headers = { 'Content-Type': CONTENT_TYPES[call.format], ...call.headers };
  return { status: 200, headers, body, mangleAs: call.format };
}

export function fail(call: Call, status: number, message: string): SandboxResponse {
  return v1Error(call.request.path, status, message, call.headers);
}

const DIGITS = /^[0-9]{1,20}$/;

export function byUserId(state: SandboxState, raw: string): DirectoryUser | undefined {
  return DIGITS.test(raw) ? state.directory.byId(BigInt(raw).toString()) : undefined;
}

/**
 * The person a call names, by v1's rules: the path's `{id}` (or an `id` parameter) is a user id
 * when it is all digits and such a user exists, otherwise a screen name; `user_id` and
 * `screen_name` mean only that. Naming no one is a 400, someone unknown a 404.
 */
function targetOf(state: SandboxState, call: Call): { user: DirectoryUser } | { refused: SandboxResponse } {
  const params = call.request.params;
  const id = call.idInPath ?? params.id;
  let user: DirectoryUser | undefined;
  if (id) user = byUserId(state, id) ?? state.directory.byScreenName(id);
  else if (params.user_id) user = byUserId(state, params.user_id);
  else if (params.screen_name) user = state.directory.byScreenName(params.screen_name);
  else return { refused: fail(call, 400, 'You must specify one of id, user_id or screen_name.') };
  return user ? { user } : { refused: fail(call, 404, 'Not found') };
}

const create: Handler = (state, call) => {
  const target = targetOf(state, call);
  if ('refused' in target) return target.refused;
  const { user } = target;
  state.followRequests.set(user.screenName, (state.followRequests.get(user.screenName) ?? 0) + 1);
  if (user.id === call.caller.id) return fail(call, 403, "Could not follow user: You can't follow yourself.");
  if (user.suspended) return fail(call, 403, SUSPENDED);
  const edge = state.graph.get(call.caller.id, user.id);
  if (edge?.pending) return fail(call, 403, `You've already requested to follow ${user.screenName}.`);
  if (edge) return fail(call, 403, `Could not follow user: ${user.screenName} is already on your list.`);
  // Like v1: `follow` present at all, even `follow=false`, turns device notifications on.
  const notifications = Object.hasOwn(call.request.params, 'follow');
  state.graph.set(call.caller.id, user.id, { notifications, pending: user.protected });
  return ok(state, call, user);
};

const destroy: Handler = (state, call) => {
  const target = targetOf(state, call);
  if ('refused' in target) return target.refused;
  if (target.user.suspended) return fail(call, 403, SUSPENDED);
  if (!state.graph.delete(call.caller.id, target.user.id)) {
    return fail(call, 403, 'You are not friends with the specified user.');
  }
  return ok(state, call, target.user);
};

const show: Handler = (state, call) => {
  const target = targetOf(state, call);
  if ('refused' in target) return target.refused;
  if (target.user.suspended) return fail(call, 403, SUSPENDED);
  return ok(state, call, target.user);
};

const search: Handler = (state, call) => {
  const query = call.request.params.q;
  if (query === undefined || query.trim() === '') return fail(call, 400, 'Missing or empty parameter: q.');
  const rawCount = call.request.params.count ?? call.request.params.per_page;
  const asked = rawCount !== undefined && /^[0-9]{1,4}$/.test(rawCount) ? Number(rawCount) : SEARCH_PAGE_MAX;
  return ok(state, call, state.directory.search(query.trim(), Math.min(Math.max(asked, 1), SEARCH_PAGE_MAX)));
};

const ENDPOINTS: Record<string, { method: 'GET' | 'POST'; idInPath: boolean; handle: Handler }> = {
  'friendships/create': { method: 'POST', idInPath: true, handle: create },
  'friendships/destroy': { method: 'POST', idInPath: true, handle: destroy },
  'users/show': { method: 'GET', idInPath: true, handle: show },
  'users/search': { method: 'GET', idInPath: false, handle: search },
  'account/verify_credentials': { method: 'GET', idInPath: false, handle: (state, call) => ok(state, call, call.caller) },
  ...GRAPH_ENDPOINTS,
};

/** The caller, by Basic or OAuth; null when the credentials are missing or wrong. */
function authenticate(state: SandboxState, request: RouteRequest): { user: DirectoryUser | null; message: string } {
  const scheme = authSchemeOf(request.authorization);
  if (scheme === 'basic') {
    return { user: verifyBasic(request.authorization!, state.directory), message: NOT_AUTHENTICATED };
  }
  if (scheme === 'oauth') {
    const checked = verifyOAuth(request, sandboxOAuthRules(state, (token) => state.tokens.accessToken(token)?.secret));
    if (!checked.ok) return { user: null, message: checked.message };
    const access = state.tokens.accessToken(checked.token!);
    const user = access ? state.directory.byId(access.userId) : undefined;
    return user && !user.suspended ? { user, message: '' } : { user: null, message: NOT_AUTHENTICATED };
  }
  return { user: null, message: NOT_AUTHENTICATED };
}

export function isApiPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Answers one API request; `onCaller` learns who authenticated, for the request record. */
export function handleApi(
  state: SandboxState,
  request: RouteRequest,
  onCaller: (user: DirectoryUser) => void,
): SandboxResponse {
  const { path } = request;
  const route = routeFor(state.personality.apiPrefix).exec(path);
  if (!route || !Object.hasOwn(ENDPOINTS, route[1]!)) return v1Error(path, 404, 'Not found: no such API method.');
  const format = route[3]!;
  if (format !== 'xml' && format !== 'json') {
    return v1Error(path, 404, `Not found: unknown format ".${format}" (use .xml or .json).`);
  }
  const endpoint = ENDPOINTS[route[1]!]!;
  let idInPath: string | null = null;
  if (route[2] !== undefined) {
    if (!endpoint.idInPath) return v1Error(path, 404, 'Not found: no such API method.');
    idInPath = percentDecode(route[2]);
    if (idInPath === null) return v1Error(path, 400, 'Malformed percent-encoding in the path.');
  }
  if (request.method !== endpoint.method) {
    return v1Error(path, 405, `This method requires a ${endpoint.method}.`, { Allow: endpoint.method });
  }

  const { user: caller, message } = authenticate(state, request);
  if (caller === null) return v1Error(path, 401, message, { 'WWW-Authenticate': 'Basic realm="Twitter API"' });
  onCaller(caller);
  const decision = state.limiter.take(caller.id);
  const headers = rateLimitHeaders(decision);
  if (!decision.allowed) {
    state.rateLimited += 1;
    const config = state.limiter.current;
    return v1Error(path, config.exceededStatus, rateLimitMessage(config), headers);
  }
  const handle = state.personality.endpoints[route[1]!] ?? endpoint.handle;
  return handle(state, { request, format, idInPath, caller, headers });
}
