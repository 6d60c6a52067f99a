/**
 * The embedded sandbox: a real HTTP server on 127.0.0.1 that behaves like Twitter API v1 for
 * friendships/create and the endpoints around it (spec §1–§6). Plain Node; the app starts it
 * in-process, `befriend sandbox` runs it standalone, and tests and benchmarks talk to it.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleApi, isApiPath, v1Error } from './api-routes.js';
import { handleAdmin, isAdminPath } from './admin-routes.js';
import { authSchemeOf } from './authenticate.js';
import { DEMO_CREDENTIALS } from './credentials.js';
import { buildDirectory, DEFAULT_DIRECTORY_SIZE } from './directory.js';
import { mangleBody, SERVICE_UNAVAILABLE_PAGE } from './faults.js';
import { GNU_SOCIAL } from './gnusocial.js';
import { readBody, send, textResponse, type BodyRead } from './http-io.js';
import { handleOAuth, isBrowserPage, isOAuthPath } from './oauth-routes.js';
import { firstValues, parseFormPairs, type Pair } from './percent.js';
import { isPersonalityId, TWITTER, type PersonalityId } from './personality.js';
import { DEFAULT_RATE_LIMIT, UNLIMITED_RATE_LIMIT, type RateLimitConfig } from './rate-window.js';
import {
  checkFaults,
  checkRateLimit,
  checkWhole,
  DEFAULT_GRAPH_SETTINGS,
  NO_FAULTS,
  type Checked,
  type GraphSettings,
  type SandboxFaults,
} from './settings.js';
import { notFoundPage } from './site-pages.js';
import {
  createState,
  relationBetween,
  resetState,
  seedFollows,
  statsOf,
  type RecordedRequest,
  type RouteRequest,
  type SandboxResponse,
  type SandboxState,
} from './state.js';

export type { RecordedRequest } from './state.js';
export { HARD_CASES, HARD_CASE_SCREEN_NAMES } from './directory.js';
export { passwordFor } from './credentials.js';

export interface SandboxOptions {
  /** Which server to play: Twitter API v1 (default) or a GNU social site without fancy URLs. */
  personality?: PersonalityId;
  /** Default 0 (any free port); the host is always 127.0.0.1. */
  port?: number;
  /** Users seeded, default 240; the demo user and the hard cases are always included. */
  directorySize?: number;
  /**
   * Default `{ limit: 150, windowSeconds: 3600, exceededStatus: 400 }`; null = unlimited
   * (the headers are still sent, with a huge limit).
   */
  rateLimit?: { limit: number; windowSeconds: number; exceededStatus?: 400 | 429 } | null;
  faults?: Partial<SandboxFaults>;
  /** Milliseconds clock, for tests (rate windows, OAuth timestamps, GNU social's duplicate limit). */
  now?: () => number;
  /** Default 300. */
  oauthTimestampWindowSeconds?: number;
  /** Page sizes of friends/ids and statuses/friends; `usersLookup: false` answers it 404, as GNU social does. */
  graph?: Partial<GraphSettings>;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  personality: PersonalityId;
  /** `http://127.0.0.1:PORT/1`, or `http://127.0.0.1:PORT/index.php/api` for GNU social. */
  apiBase: string;
  /** `http://127.0.0.1:PORT/oauth` */
  oauthBase: string;
  demo: typeof DEMO_CREDENTIALS;
  setFaults(faults: Partial<SandboxFaults>): void;
  setRateLimit(limit: SandboxOptions['rateLimit']): void;
  /** Every request but the admin routes', oldest first. */
  readonly requests: readonly RecordedRequest[];
  stats(): { followRequests: Record<string, number>; rateLimited: number };
  isFollowing(
    followerScreenName: string,
    targetScreenName: string,
  ): { following: boolean; notifications: boolean; pending: boolean };
  /** Makes `followerScreenName` follow each of `targetScreenNames` (accepted), as if long ago: nothing is recorded or counted. */
  seedFollows(followerScreenName: string, targetScreenNames: readonly string[]): void;
  /** Clears follows, recorded requests, stats and rate windows. */
  reset(): void;
  close(): Promise<void>;
}

/** Options that cannot work, caught before anything listens. */
export class SandboxOptionsError extends Error {
  override name = 'SandboxOptionsError';
}

function required<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new SandboxOptionsError(checked.message);
  return checked.value;
}

function rateLimitOf(input: SandboxOptions['rateLimit']): RateLimitConfig {
  if (input === undefined) return DEFAULT_RATE_LIMIT;
  return required(checkRateLimit(input)) ?? UNLIMITED_RATE_LIMIT;
}

function applyFaults(state: SandboxState, faults: Partial<SandboxFaults>): void {
  state.faults = { ...state.faults, ...required(checkFaults(faults)) };
}

function graphSettingsOf(given: Partial<GraphSettings>): GraphSettings {
  const settings = { ...DEFAULT_GRAPH_SETTINGS, ...given };
  required(checkWhole(settings.idsPerPage, 'ids per page', 1, 5000));
  required(checkWhole(settings.usersPerPage, 'users per page', 1, 200));
  return settings;
}

const LANDING = [
  'Befriend sandbox: a Twitter API v1 look-alike for trying and testing Befriend.',
  '',
  'API base:   {origin}/1',
  'OAuth base: {origin}/oauth',
  '',
  `Basic:  ${DEMO_CREDENTIALS.username} / ${DEMO_CREDENTIALS.password}`,
  `OAuth:  consumer ${DEMO_CREDENTIALS.consumerKey} / ${DEMO_CREDENTIALS.consumerSecret}`,
  `        token    ${DEMO_CREDENTIALS.token} / ${DEMO_CREDENTIALS.tokenSecret}`,
  '',
  'Any other user: Basic with screen name and password sandbox-<screen name in lower case>.',
].join('\n');

interface Incoming {
  req: IncomingMessage;
  path: string;
  query: Pair[] | null;
  form: Pair[] | null;
  body: BodyRead;
  origin: string;
}

function isFormBody(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** Latency and injected 503s, for clients of the API (the browser's authorize page is spared). */
async function injectedFailure(state: SandboxState, path: string, signal: AbortSignal): Promise<SandboxResponse | null> {
  if (!isApiPath(path, state.personality.apiPrefix) && !(isOAuthPath(path) && !isBrowserPage(path))) return null;
  if (state.faults.latencyMs > 0) await delay(state.faults.latencyMs, undefined, { signal });
  if (!state.errors.next(state.faults.errorRate)) return null;
  return {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '1' },
    body: SERVICE_UNAVAILABLE_PAGE,
  };
}

function route(state: SandboxState, incoming: Incoming, record: RecordedRequest): SandboxResponse {
  const { req, path } = incoming;
  const api = isApiPath(path, state.personality.apiPrefix);
  if (!incoming.body.ok) {
    const message = 'Request body too large (the limit is 64 KiB).';
    return api
      ? v1Error(path, 413, message, { Connection: 'close' })
      : textResponse(413, message, { Connection: 'close' });
  }
  if (incoming.query === null || incoming.form === null) {
    const message = 'Malformed percent-encoding in the query string or form body.';
    return api ? v1Error(path, 400, message) : textResponse(400, message);
  }
  const request: RouteRequest = {
    method: req.method ?? 'GET',
    host: req.headers.host ?? new URL(incoming.origin).host,
    path,
    query: incoming.query,
    form: incoming.form,
    authorization: req.headers.authorization,
    params: firstValues([...incoming.query, ...incoming.form]),
  };
  if (api) {
    return handleApi(state, request, (caller) => {
      record.screenName = caller.screenName;
    });
  }
  if (isOAuthPath(path)) return handleOAuth(state, request);
  // A GNU social site answers every other address with its web page, the API paths missing `/api` too.
  if (state.personality.id !== 'twitter') return notFoundPage(path);
  if (path === '/' && request.method === 'GET') {
    return textResponse(200, LANDING.replaceAll('{origin}', incoming.origin));
  }
  return textResponse(404, 'Not found.');
}

async function respond(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string,
  signal: AbortSignal,
): Promise<void> {
  const rawUrl = req.url ?? '/';
  const mark = rawUrl.indexOf('?');
  const path = mark === -1 ? rawUrl : rawUrl.slice(0, mark);
  const body = await readBody(req);
  if (body.ok === false && body.reason === 'aborted') return;
  if (isAdminPath(path)) {
    send(
      res,
      body.ok
        ? handleAdmin(state, { method: req.method ?? 'GET', path, remoteAddress: req.socket.remoteAddress, body: body.text })
        : textResponse(413, 'Request body too large.', { Connection: 'close' }),
    );
    return;
  }
  const query = parseFormPairs(mark === -1 ? '' : rawUrl.slice(mark + 1));
  const form = body.ok && isFormBody(req) ? parseFormPairs(body.text) : [];
  const authorization = req.headers.authorization;
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path,
    query: firstValues(query ?? []),
    form: firstValues(form ?? []),
    auth: authSchemeOf(authorization),
    authorizationPresent: authorization !== undefined,
    userAgent: req.headers['user-agent'] ?? null,
    screenName: null,
    status: null,
    at: state.now(),
  };
  state.requests.push(record);

  let response = (await injectedFailure(state, path, signal)) ?? route(state, { req, path, query, form, body, origin }, record);
  if (response.mangleAs && response.status >= 200 && response.status < 300 && state.faults.body !== 'normal') {
    response = { ...response, body: mangleBody(response.body, response.mangleAs, state.faults.body) };
  }
  record.status = response.status;
  send(res, response);
}

function answerBadRequest(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text] =
    error.code === 'HPE_HEADER_OVERFLOW' ? ['431', 'Request Header Fields Too Large'] : ['400', 'Bad Request'];
  const body = `${text}\n`;
  const head = [
    `HTTP/1.1 ${status} ${text}`,
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const port = required(checkWhole(options.port ?? 0, 'port', 0, 65535));
  const size = required(checkWhole(options.directorySize ?? DEFAULT_DIRECTORY_SIZE, 'directory size', 1, 1_000_000));
  const personalityId = options.personality ?? 'twitter';
  if (!isPersonalityId(personalityId)) throw new SandboxOptionsError(`Unknown personality "${String(personalityId)}".`);
  const personality = personalityId === 'gnusocial' ? GNU_SOCIAL : TWITTER;
  const directory = buildDirectory(size, personality.extraUsers);
  const state = createState({
    personality,
    directory,
    rateLimit: rateLimitOf(options.rateLimit),
    faults: NO_FAULTS,
    graphSettings: graphSettingsOf({ ...personality.graph, ...options.graph }),
    now: options.now ?? Date.now,
    timestampWindowSeconds: required(checkWhole(options.oauthTimestampWindowSeconds ?? 300, 'OAuth timestamp window', 1)),
  });
  if (options.faults) applyFaults(state, options.faults);

  const closing = new AbortController();
  let origin = '';
  const server = createServer((req, res) => {
    respond(state, req, res, origin, closing.signal).catch(() => {
      send(res, textResponse(500, 'Internal sandbox error.'));
    });
  });
  server.on('clientError', answerBadRequest);
  // `once` rejects on 'error' (a port in use) as well.
  await once(server.listen(port, '127.0.0.1'), 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    personality: personality.id,
    apiBase: `${origin}${personality.apiPrefix}`,
    oauthBase: `${origin}/oauth`,
    demo: { ...DEMO_CREDENTIALS },
    setFaults: (faults) => applyFaults(state, faults),
    setRateLimit: (limit) => state.limiter.configure(rateLimitOf(limit)),
    get requests() {
      return state.requests;
    },
    stats: () => statsOf(state),
    isFollowing(followerScreenName, targetScreenName) {
      const follower = directory.byScreenName(followerScreenName);
      const target = directory.byScreenName(targetScreenName);
      if (!follower || !target) return { following: false, notifications: false, pending: false };
      const relation = relationBetween(state, follower, target);
      return { following: relation.following, notifications: relation.notifications, pending: relation.followRequestSent };
    },
    seedFollows(followerScreenName, targetScreenNames) {
      const problem = seedFollows(state, followerScreenName, targetScreenNames);
      if (problem !== null) throw new SandboxOptionsError(problem);
    },
    reset: () => resetState(state),
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
