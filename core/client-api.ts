import type { Account } from './account.js';
import type { GraphPage } from './follow-request.js';
import type { Result } from './result.js';
import type { Target } from './target.js';
import type { Format, RateLimit, User, UserResult, UsersResult } from './types.js';

/** What the core needs from its host; Electron main passes `net.fetch`, the CLI Node's fetch. */
export interface ClientOptions {
  fetch?: typeof fetch;
  /** Default 15 000 ms. */
  timeoutMs?: number;
  /** Default 1 MiB. */
  maxBodyBytes?: number;
  /** Seconds since the epoch, for OAuth timestamps (tests pin it). */
  now?: () => number;
  /** OAuth nonce source (tests pin it). */
  nonce?: () => string;
}

export interface RequestOptions {
  /** Overrides the account's default format. */
  format?: Format;
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface FollowOptions extends RequestOptions {
  /** Sends `follow=true` (device/SMS notifications). Never sends `follow=false`. */
  notify?: boolean;
}

export interface SearchOptions extends RequestOptions {
  /** How many users to ask for (servers cap it); default 20. */
  count?: number;
}

export interface OAuthConsumer {
  key: string;
  secret: string;
}

export type RequestTokenResult = Result<{ token: string; tokenSecret: string; authorizeUrl: string }>;

export type AccessTokenResult = Result<{
  token: string;
  tokenSecret: string;
  userId: string | null;
  screenName: string | null;
}>;

/**
 * One page of who an account follows; `nextCursor` is "0" after the last, and null when the server
 * answered a bare list without cursors (GNU social): then pages go by number.
 */
export type IdsPageResult = Result<{ ids: string[]; nextCursor: string | null }> & { rateLimit: RateLimit | null };
export type UsersPageResult = Result<{ users: User[]; nextCursor: string | null }> & { rateLimit: RateLimit | null };

/** Every method resolves to a typed result; none rejects, whatever the server sends. */
export interface BefriendClient {
  follow(account: Account, target: Target, options?: FollowOptions): Promise<UserResult>;
  unfollow(account: Account, target: Target, options?: RequestOptions): Promise<UserResult>;
  show(account: Account, target: Target, options?: RequestOptions): Promise<UserResult>;
  /** users/search; where the server has none (404 or `hasUserSearch: false`), users/show of the query. */
  search(account: Account, query: string, options?: SearchOptions): Promise<UsersResult>;
  verifyCredentials(account: Account, options?: RequestOptions): Promise<UserResult>;
  /** One page of friends/ids (the signed-in account's follows); the first is `{ cursor: '-1' }`. */
  friendIdsPage(account: Account, at: GraphPage, options?: RequestOptions): Promise<IdsPageResult>;
  /** One page of statuses/friends: the followed users themselves, where users/lookup is missing. */
  friendsPage(account: Account, at: GraphPage, options?: RequestOptions): Promise<UsersPageResult>;
  /** users/lookup of up to 100 ids or screen names; the server leaves out those it does not know. */
  lookupUsers(
    account: Account,
    lookup: { by: 'user_id' | 'screen_name'; values: readonly string[] },
    options?: RequestOptions,
  ): Promise<UsersResult>;
  requestToken(
    oauthBase: string,
    consumer: OAuthConsumer,
    options?: RequestOptions,
  ): Promise<RequestTokenResult>;
  accessToken(
    oauthBase: string,
    consumer: OAuthConsumer,
    requestToken: { token: string; tokenSecret: string },
    pin: string,
    options?: RequestOptions,
  ): Promise<AccessTokenResult>;
}
