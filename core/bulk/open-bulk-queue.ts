import type { Account } from '../account.js';
import type { Result } from '../result.js';
import { BulkQueue } from './bulk-queue.js';
import type { BulkQueueOptions } from './queue-options.js';
import type { BulkOwner, BulkStoreError } from './bulk-types.js';
import { openFileBulkStore } from './file-bulk-store.js';

/** Who the queue follows as: the server and the person (Basic username or OAuth token; no secret). */
export function bulkOwnerOf(account: Account): BulkOwner {
  const user =
    account.credentials.mode === 'basic' ? account.credentials.username : `oauth:${account.credentials.token}`;
  return { apiBase: account.apiBase, user };
}

/**
 * Opens the queue kept in `stateDir` (creating it when new), as the host's entry point: Electron
 * main passes a directory under userData, the command line `--state`. Nothing is sent before the
 * directory has proved writable and its lock is held.
 */
export async function openBulkQueue(
  options: Omit<BulkQueueOptions, 'store'> & { stateDir: string },
): Promise<Result<{ queue: BulkQueue }, BulkStoreError>> {
  const opened = await openFileBulkStore(options.stateDir, bulkOwnerOf(options.account));
  if (!opened.ok) return opened;
  return { ok: true, queue: new BulkQueue({ ...options, store: opened.store }) };
}
