import { createHash } from 'node:crypto';
import type { Account } from '../account.js';
import type { BulkOwner } from './bulk-types.js';

/**
 * Who a queue follows as, written into its state: never a secret. Basic: the username. OAuth:
 * a hash of the server and the access token (the token says who the person is, but is a
 * password in all but name), so the same sign-in finds its queue again and nobody reading the
 * file learns the token.
 */

const OAUTH_PREFIX = 'oauth-sha256:';
/** How owners were written before: the access token in clear. Read once, then rewritten. */
const LEGACY_OAUTH_PREFIX = 'oauth:';

function oauthOwner(apiBase: string, token: string): string {
  return `${OAUTH_PREFIX}${createHash('sha256').update(`${apiBase}\n${token}`).digest('hex')}`;
}

export function bulkOwnerOf(account: Account): BulkOwner {
  const { credentials, apiBase } = account;
  return { apiBase, user: credentials.mode === 'basic' ? credentials.username : oauthOwner(apiBase, credentials.token) };
}

/** An owner as written by an older Befriend, with its token in clear, in today's form; null when it is already. */
export function migratedOwner(owner: BulkOwner): BulkOwner | null {
  if (!owner.user.startsWith(LEGACY_OAUTH_PREFIX) || owner.user.startsWith(OAUTH_PREFIX)) return null;
  return { apiBase: owner.apiBase, user: oauthOwner(owner.apiBase, owner.user.slice(LEGACY_OAUTH_PREFIX.length)) };
}
