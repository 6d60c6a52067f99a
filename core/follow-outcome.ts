import type { FollowOutcome, User, UserResultOf } from './types.js';

/**
 * What a follow came to. A 2xx is a follow (or, for a protected account, a request) whatever the
 * returned `following` field says (spec §3); two refusals are neutral states, not failures.
 */
export function followOutcome(result: UserResultOf<Pick<User, 'followRequestSent'>>): FollowOutcome | null {
  if (result.ok) return result.user.followRequestSent === true ? 'request_pending' : 'followed';
  const { kind } = result.error;
  return kind === 'already_following' || kind === 'request_pending' ? kind : null;
}
