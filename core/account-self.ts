import type { Account } from './account.js';
import type { BefriendClient, RequestOptions } from './client-api.js';
import type { Result } from './result.js';
import type { Target } from './target.js';

export type AccountSelf = NonNullable<Account['self']>;

/**
 * Whether the account's own id or name must be learned before following `target`: a target named
 * by id needs the id, one by name the name. GNU social subscribes everyone to themselves, so it
 * answers a self-follow "already on your list" instead of refusing it: the client must know.
 */
export function selfNeededFor(account: Pick<Account, 'self'>, target: Target): boolean {
  const self = account.self;
  if (target.form === 'screen_name') return !self?.screenName;
  if (target.form === 'user_id') return !self?.id;
  return !self?.id || !self.screenName;
}

/** The signed-in person, from account/verify_credentials. */
export async function learnSelf(
  client: Pick<BefriendClient, 'verifyCredentials'>,
  account: Account,
  options: RequestOptions = {},
): Promise<Result<{ self: AccountSelf }>> {
  const verified = await client.verifyCredentials(account, options);
  if (!verified.ok) return verified;
  return { ok: true, self: { id: verified.user.id, screenName: verified.user.screenName } };
}
