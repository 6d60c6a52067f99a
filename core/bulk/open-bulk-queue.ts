import type { Result } from '../result.js';
import { BulkQueue } from './bulk-queue.js';
import type { BulkQueueOptions } from './queue-options.js';
import { bulkOwnerOf } from './bulk-owner.js';
import type { BulkStoreError } from './bulk-types.js';
import { openFileBulkStore } from './file-bulk-store.js';

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
