/** Everything one running sandbox remembers, and the shapes its routes pass around. */
import type { Format } from '../types.js';
import type { AuthScheme, SignedRequest } from './authenticate.js';
import { NonceStore, TokenStore } from './credentials.js';
import type { Directory, DirectoryUser } from './directory.js';
import { ErrorSpreader } from './faults.js';
import { TWITTER, type Personality } from './personality.js';
import { RateLimiter, type RateLimitConfig } from './rate-window.js';
import { DEFAULT_GRAPH_SETTINGS, type GraphSettings, type SandboxFaults } from './settings.js';
import { SocialGraph } from './social-graph.js';
import type { Relation } from './v1-render.js';

/** One request as it arrived (admin routes are not recorded). */
export interface RecordedRequest {
  method: string;
  /** The path as sent, without the query. */
  path: string;
  query: Record<string, string>;
  /** Form-encoded body parameters; empty for no body or any other content type. */
  form: Record<string, string>;
  /** The scheme the Authorization header used, valid or not. */
  auth: AuthScheme;
  authorizationPresent: boolean;
  userAgent: string | null;
  /** The authenticated caller, when the credentials were good. */
  screenName: string | null;
  /** The status answered, once answered. */
  status: number | null;
  /** When it arrived, by the sandbox's clock (ms). */
  at: number;
}

/** A request ready for a route: what was signed, plus its parameters read first-wins. */
export interface RouteRequest extends SignedRequest {
  /** Query first, then form body; the first value of a name wins. */
  params: Record<string, string>;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set on API bodies that body faults may mangle (2xx only). */
  mangleAs?: Format;
}

export interface SandboxState {
  readonly personality: Personality;
  readonly directory: Directory;
  readonly graph: SocialGraph;
  readonly limiter: RateLimiter;
  readonly tokens: TokenStore;
  readonly nonces: NonceStore;
  readonly errors: ErrorSpreader;
  readonly now: () => number;
  readonly timestampWindowSeconds: number;
  faults: SandboxFaults;
  readonly graphSettings: GraphSettings;
  readonly followRequests: Map<string, number>;
  rateLimited: number;
  readonly requests: RecordedRequest[];
  /** When each `followerId:targetId` follow was last undone, for GNU social's duplicate limit. */
  readonly undoneAt: Map<string, number>;
}

export function createState(options: {
  /** Default Twitter v1. */
  personality?: Personality;
  directory: Directory;
  rateLimit: RateLimitConfig;
  faults: SandboxFaults;
  graphSettings?: GraphSettings;
  now: () => number;
  timestampWindowSeconds: number;
}): SandboxState {
  const { rateLimit, ...given } = options;
  return {
    ...given,
    personality: options.personality ?? TWITTER,
    graphSettings: options.graphSettings ?? DEFAULT_GRAPH_SETTINGS,
    graph: new SocialGraph(),
    limiter: new RateLimiter(rateLimit, options.now),
    tokens: new TokenStore(),
    nonces: new NonceStore(options.timestampWindowSeconds * 1000),
    errors: new ErrorSpreader(),
    followRequests: new Map(),
    rateLimited: 0,
    requests: [],
    undoneAt: new Map(),
  };
}

/** Clears follows, recorded requests, counters and rate windows; tokens stay valid. */
export function resetState(state: SandboxState): void {
  state.graph.clear();
  state.limiter.clear();
  state.errors.reset();
  state.followRequests.clear();
  state.rateLimited = 0;
  state.requests.length = 0;
  state.undoneAt.clear();
}

/** How `user` looks to `viewer`: follow state, and whether a protected status may be shown. */
export function relationBetween(state: SandboxState, viewer: DirectoryUser, user: DirectoryUser): Relation {
  const edge = state.graph.get(viewer.id, user.id);
  const self = viewer.id === user.id && state.personality.selfSubscribed;
  const following = self || (edge !== undefined && !edge.pending);
  return {
    following,
    notifications: following && edge !== undefined && edge.notifications,
    followRequestSent: edge?.pending ?? false,
    statusVisible: !user.protected || following || viewer.id === user.id,
  };
}

export function statsOf(state: SandboxState): { followRequests: Record<string, number>; rateLimited: number } {
  return { followRequests: Object.fromEntries(state.followRequests), rateLimited: state.rateLimited };
}

/**
 * Makes `followerName` follow each of `targetNames` (accepted, as if long ago: nothing recorded or
 * counted); the sentence saying who is unknown, before anything changed, otherwise null.
 */
export function seedFollows(state: SandboxState, followerName: string, targetNames: readonly string[]): string | null {
  const follower = state.directory.byScreenName(followerName);
  if (!follower) return `No sandbox user "${followerName}".`;
  const targets = targetNames.map((name) => state.directory.byScreenName(name));
  const unknown = targetNames.find((_, index) => targets[index] === undefined);
  if (unknown !== undefined) return `No sandbox user "${unknown}".`;
  for (const target of targets) state.graph.set(follower.id, target!.id, { notifications: false, pending: false });
  return null;
}
