import type { ApiError, FollowOutcome, User } from './types.js';

export type HistoryOutcome = FollowOutcome | 'unfollowed' | 'failed';

/**
 * What the history keeps of a person: enough for its list, the tray's recent follows and the
 * card it reopens. Counts, bio and latest status go stale; a look-up fetches them fresh.
 */
export type HistoryUser = Pick<User, 'id' | 'screenName' | 'name' | 'profileImageUrl' | 'protected'>;

/** One follow (or undo) as it happened: who, whom, what came of it. */
export interface HistoryEntry {
  id: string;
  /** ISO time of the answer. */
  at: string;
  action: 'follow' | 'unfollow';
  accountId: string;
  accountLabel: string;
  /** The target as typed. */
  target: string;
  outcome: HistoryOutcome;
  user: HistoryUser | null;
  error: ApiError | null;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'>;

/** The summary of a user (a full one from a server, or one read back from an older file). */
export function historyUser(user: HistoryUser): HistoryUser {
  return {
    id: user.id,
    screenName: user.screenName,
    name: user.name ?? null,
    profileImageUrl: user.profileImageUrl ?? null,
    protected: user.protected ?? null,
  };
}

/** A reopened entry as a profile: what history kept, and "not known" for the rest. */
export function profileFromHistory(user: HistoryUser): User {
  return {
    location: null,
    description: null,
    url: null,
    verified: null,
    followersCount: null,
    friendsCount: null,
    statusesCount: null,
    favouritesCount: null,
    createdAt: null,
    utcOffset: null,
    timeZone: null,
    following: null,
    notifications: null,
    followRequestSent: null,
    latestStatus: null,
    ...historyUser(user),
  };
}
