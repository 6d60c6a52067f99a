/**
 * Which real server the sandbox plays. `twitter` is Twitter API v1 under `/1`; `gnusocial` is a
 * GNU social 2.0 site without fancy URLs, as met on a real one (PHP 8.2, `php -S`): the API under
 * `/index.php/api`, profile addresses under `/index.php/`, its own error texts and statuses.
 */
import type { Handler } from './api-routes.js';
import type { DirectoryUser } from './directory.js';
import type { GraphSettings } from './settings.js';

export const PERSONALITY_IDS = ['twitter', 'gnusocial'] as const;
export type PersonalityId = (typeof PERSONALITY_IDS)[number];

/** Undo then follow of the same person within this long trips GNU social's duplicate-notice limit. */
export const DUPLICATE_WINDOW_MS = 60_000;

export interface Personality {
  id: PersonalityId;
  /** Where the API lives, e.g. `/1` or `/index.php/api`. */
  apiPrefix: string;
  /** The `statusnet_profile_url` of a user on `host`; null for servers that send none. */
  profileUrl: ((host: string, user: DirectoryUser) => string) | null;
  /** GNU social subscribes every user to themselves. */
  selfSubscribed: boolean;
  /** Endpoints answered the personality's own way, by name (`friendships/create`). */
  endpoints: Readonly<Partial<Record<string, Handler>>>;
  /** How its follow-graph reads differ from Twitter's (the options' own `graph` still wins). */
  graph: Partial<GraphSettings>;
  /** People only this server has, added to the directory. */
  extraUsers: readonly DirectoryUser[];
}

export const TWITTER: Personality = {
  id: 'twitter',
  apiPrefix: '/1',
  profileUrl: null,
  selfSubscribed: false,
  endpoints: {},
  graph: {},
  extraUsers: [],
};

/** Each user's profile address as the personality writes it for a request to `host`, or null. */
export function profileUrlsOn(personality: Personality, host: string): ((user: DirectoryUser) => string) | null {
  const { profileUrl } = personality;
  return profileUrl === null ? null : (user) => profileUrl(host, user);
}

export function isPersonalityId(value: string): value is PersonalityId {
  return (PERSONALITY_IDS as readonly string[]).includes(value);
}
