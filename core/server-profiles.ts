import type { Account, AuthMode, ServerProfileId } from './account.js';
import type { RateLimitNaming } from './rate-limit.js';
import type { Format } from './types.js';

/** What one kind of server offers. A profile only sets defaults: an account's own fields win. */
export interface ServerProfile {
  id: ServerProfileId;
  label: string;
  /** The API root, or null where it depends on the site (`{site}/api`) or is the person's to give. */
  apiBase: string | null;
  oauthBase: string | null;
  authModes: readonly AuthMode[];
  formats: readonly Format[];
  defaultFormat: Format;
  hasUserSearch: boolean;
  /** Which rate-limit header names its servers send (the other family is read too). */
  rateLimitNaming: RateLimitNaming;
}

export const SERVER_PROFILES: Readonly<Record<ServerProfileId, ServerProfile>> = {
  'twitter-v1': {
    id: 'twitter-v1',
    label: 'Twitter API v1',
    apiBase: 'https://api.twitter.com/1',
    oauthBase: 'https://api.twitter.com/oauth',
    authModes: ['basic', 'oauth'],
    formats: ['xml', 'json'],
    defaultFormat: 'json',
    hasUserSearch: true,
    rateLimitNaming: 'v1',
  },
  'twitter-v1.1': {
    id: 'twitter-v1.1',
    label: 'Twitter API v1.1',
    apiBase: 'https://api.twitter.com/1.1',
    oauthBase: 'https://api.twitter.com/oauth',
    authModes: ['oauth'],
    formats: ['json'],
    defaultFormat: 'json',
    hasUserSearch: true,
    rateLimitNaming: 'v1.1',
  },
  gnusocial: {
    id: 'gnusocial',
    label: 'GNU social / StatusNet',
    apiBase: null,
    oauthBase: null,
    authModes: ['basic', 'oauth'],
    formats: ['xml', 'json'],
    defaultFormat: 'json',
    hasUserSearch: false,
    rateLimitNaming: 'v1',
  },
  custom: {
    id: 'custom',
    label: 'Other Twitter-compatible server',
    apiBase: null,
    oauthBase: null,
    authModes: ['basic', 'oauth'],
    formats: ['xml', 'json'],
    defaultFormat: 'json',
    hasUserSearch: true,
    rateLimitNaming: 'v1.1',
  },
};

export const SERVER_PROFILE_IDS = Object.keys(SERVER_PROFILES) as readonly ServerProfileId[];

export function profileFor(id: string): ServerProfile | null {
  return Object.hasOwn(SERVER_PROFILES, id) ? SERVER_PROFILES[id as ServerProfileId] : null;
}

type ProfileDefaults = Pick<ServerProfile, 'apiBase' | 'oauthBase' | 'hasUserSearch'> & { format: Format };

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end -= 1;
  return url.slice(0, end);
}

/**
 * The fields a new account of this profile starts with. `site` is the server's address
 * (`https://social.example`) for GNU social, or the API root itself for a custom server.
 */
export function defaultsFor(id: ServerProfileId, site?: string | null): ProfileDefaults {
  const profile = SERVER_PROFILES[id];
  const root = site ? withoutTrailingSlashes(site.trim()) : null;
  let apiBase = profile.apiBase;
  let oauthBase = profile.oauthBase;
  if (id === 'gnusocial' && root) {
    apiBase = `${root}/api`;
    oauthBase = `${root}/api/oauth`;
  } else if (id === 'custom' && root) {
    apiBase = root;
  }
  return { apiBase, oauthBase, format: profile.defaultFormat, hasUserSearch: profile.hasUserSearch };
}

/**
 * Where the PIN flow lives for this account: its own `oauthBase`, else the profile's; GNU social
 * keeps it under the API root. Null when nothing says (a custom server without one set).
 */
export function oauthBaseFor(account: Pick<Account, 'profile' | 'apiBase' | 'oauthBase'>): string | null {
  if (account.oauthBase) return withoutTrailingSlashes(account.oauthBase);
  const profile = profileFor(account.profile);
  if (profile === null) return null;
  if (profile.oauthBase !== null) return profile.oauthBase;
  if (profile.id === 'gnusocial') return `${withoutTrailingSlashes(account.apiBase)}/oauth`;
  return null;
}

/** Whether to ask users/search at all; when unknown, the profile's answer. */
export function hasUserSearch(account: Pick<Account, 'profile' | 'hasUserSearch'>): boolean {
  return account.hasUserSearch ?? profileFor(account.profile)?.hasUserSearch ?? true;
}
