import type { BulkItem, BulkOwner, BulkStoreError } from './bulk-types.js';

/**
 * Where a queue keeps its items. The queue changes items in memory, marks them with `record`,
 * and awaits `sync` whenever a change must survive a crash before it acts (before sending).
 */
export interface QueueStore {
  /** Every item, in queue order; the store reads it when it rewrites its snapshot. */
  readonly items: BulkItem[];
  readonly owner: BulkOwner | null;
  /** Notes that an item changed; durable after the next `sync`. */
  record(item: BulkItem): void;
  /** Appends new items and makes them durable at once. */
  addItems(items: BulkItem[]): Promise<BulkStoreError | null>;
  /** Makes every recorded change durable; concurrent calls share one write. */
  sync(): Promise<BulkStoreError | null>;
  /** Syncs, then lets go of the state directory. */
  close(): Promise<BulkStoreError | null>;
}
