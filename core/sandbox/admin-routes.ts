/**
 * `/_sandbox/*`: inspection and control for tests, benchmarks and the command line. No
 * credentials, so only loopback peers are answered.
 */
import { isIP } from 'node:net';
import { checkFaults, checkRateLimit } from './settings.js';
import { UNLIMITED_RATE_LIMIT } from './rate-window.js';
import { resetState, seedFollows, statsOf, type SandboxResponse, type SandboxState } from './state.js';

/** 127.0.0.0/8, ::1, and IPv4 loopback mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  if (isIP(address) !== 6) return false;
  const full = address.toLowerCase();
  return full === '::1' || full === '0:0:0:0:0:0:0:1';
}

export function isAdminPath(path: string): boolean {
  return path === '/_sandbox' || path.startsWith('/_sandbox/');
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
    body: `${JSON.stringify(value)}\n`,
  };
}

export interface AdminRequest {
  method: string;
  path: string;
  remoteAddress: string | undefined;
  body: string;
}

type AdminRoute = { method: 'GET' | 'POST'; handle: (state: SandboxState, body: string) => SandboxResponse };

function withJsonBody(handle: (state: SandboxState, value: unknown) => SandboxResponse) {
  return (state: SandboxState, body: string): SandboxResponse => {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return json(400, { error: 'The body must be JSON.' });
    }
    return handle(state, value);
  };
}

const ROUTES: Record<string, AdminRoute> = {
  '/_sandbox/users': {
    method: 'GET',
    handle: (state) => json(200, state.directory.users.map((u) => ({ id: u.id, screenName: u.screenName }))),
  },
  '/_sandbox/stats': { method: 'GET', handle: (state) => json(200, statsOf(state)) },
  '/_sandbox/requests': { method: 'GET', handle: (state) => json(200, state.requests) },
  '/_sandbox/faults': {
    method: 'POST',
    handle: withJsonBody((state, value) => {
      const checked = checkFaults(value);
      if (!checked.ok) return json(400, { error: checked.message });
      state.faults = { ...state.faults, ...checked.value };
      return json(200, state.faults);
    }),
  },
  '/_sandbox/rate-limit': {
    method: 'POST',
    handle: withJsonBody((state, value) => {
      const checked = checkRateLimit(value);
      if (!checked.ok) return json(400, { error: checked.message });
      state.limiter.configure(checked.value ?? UNLIMITED_RATE_LIMIT);
      return json(200, checked.value);
    }),
  },
  '/_sandbox/follows': {
    method: 'POST',
    handle: withJsonBody((state, value) => {
      const { follower, targets } = (value ?? {}) as { follower?: unknown; targets?: unknown };
      const names = Array.isArray(targets) && targets.every((t) => typeof t === 'string') ? (targets as string[]) : null;
      if (typeof follower !== 'string' || names === null) {
        return json(400, { error: 'Send {"follower": "screen name", "targets": ["screen name", …]}.' });
      }
      const problem = seedFollows(state, follower, names);
      return problem === null ? json(200, { follower, following: names.length }) : json(400, { error: problem });
    }),
  },
  '/_sandbox/reset': {
    method: 'POST',
    handle: (state) => {
      resetState(state);
      return json(200, { reset: true });
    },
  },
};

export function handleAdmin(state: SandboxState, request: AdminRequest): SandboxResponse {
  if (!isLoopbackAddress(request.remoteAddress)) {
    return json(403, { error: 'The sandbox admin routes answer only to loopback clients.' });
  }
  const route = Object.hasOwn(ROUTES, request.path) ? ROUTES[request.path] : undefined;
  if (!route) return json(404, { error: `No admin route ${request.path}.` });
  if (request.method !== route.method) {
    return json(405, { error: `Use ${route.method}.` }, { Allow: route.method });
  }
  return route.handle(state, request.body);
}
