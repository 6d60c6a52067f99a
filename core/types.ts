/**
 * The normalized shapes of spec §7. Field names are part of the contract: the command line's
 * `--json` output, the IPC results and the renderer all use exactly these.
 */
import type { Result } from './result.js';

export type Format = 'xml' | 'json';

export const ERROR_KINDS = [
  'already_following',
  'request_pending',
  // Not in the spec's table (§4): GNU social answers an undo of a follow that is already gone with
  // 500 "Not subscribed!", which is a state to report, neither a failure nor worth a retry.
  'not_following',
  'not_found',
  'unauthorized',
  'forbidden',
  'follow_limit',
  'rate_limited',
  'server_error',
  'timeout',
  'network',
  'bad_response',
  'invalid_request',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ApiError {
  kind: ErrorKind;
  /** HTTP status, or null when no answer arrived (or the client refused to send). */
  status: number | null;
  /** The server's numeric error code (v1.1 `errors[0].code`), when it gave one. */
  code: number | null;
  /** The server's own words as plain text, or the client's when there were none. */
  message: string;
}

export interface RateLimit {
  limit: number | null;
  remaining: number | null;
  resetAt: string | null;
}

export interface StatusSource {
  name: string;
  url: string | null;
}

export interface LatestStatus {
  id: string | null;
  text: string | null;
  createdAt: string | null;
  source: StatusSource | null;
  truncated: boolean | null;
  favorited: boolean | null;
  inReplyToStatusId: string | null;
  inReplyToUserId: string | null;
  inReplyToScreenName: string | null;
}

export interface User {
  id: string;
  screenName: string;
  name: string | null;
  location: string | null;
  description: string | null;
  url: string | null;
  profileImageUrl: string | null;
  protected: boolean | null;
  verified: boolean | null;
  followersCount: number | null;
  friendsCount: number | null;
  statusesCount: number | null;
  favouritesCount: number | null;
  createdAt: string | null;
  utcOffset: number | null;
  timeZone: string | null;
  following: boolean | null;
  notifications: boolean | null;
  followRequestSent: boolean | null;
  latestStatus: LatestStatus | null;
}

/** One user, as `U`, or why not; with what the answer said about the rate limit. */
export type UserResultOf<U> = Result<{ user: U }> & { rateLimit: RateLimit | null };

export type UserResult = UserResultOf<User>;

export type UsersResult = Result<{ users: User[] }> & { rateLimit: RateLimit | null };

/** What a follow came to, for people: derived from a result, never sent by a server. */
export type FollowOutcome = 'followed' | 'request_pending' | 'already_following';
