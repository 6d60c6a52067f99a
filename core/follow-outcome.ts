import type { FollowOutcome, User, UserResultOf } from './types.js';

/**
 * What a follow came to. A 2xx is a follow whatever the returned `following` field says: Twitter
 * v1.1 sends the user as it was before the follow, so `following: false` on an open account is
 * still "followed" (spec §3). A protected target is a request unless the reply says the caller
 * now follows it: GNU social 2.0.1 answers a follow of a private stream with 200, `protected:
 * true`, `following: false` and no `follow_request_sent` at all, and only a request exists.
 * Two refusals are neutral states, not failures.
 */
export function followOutcome(
  result: UserResultOf<Pick<User, 'followRequestSent' | 'protected' | 'following'>>,
): FollowOutcome | null {
  if (result.ok) {
    const { followRequestSent, protected: locked, following } = result.user;
    return followRequestSent === true || (locked === true && following !== true) ? 'request_pending' : 'followed';
  }
  const { kind } = result.error;
  return kind === 'already_following' || kind === 'request_pending' ? kind : null;
}
