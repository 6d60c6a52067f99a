import type { BulkStoreError } from './bulk-types.js';
import type { Clock } from './clock.js';
import type { QueueItems } from './queue-items.js';
import type { QueueStore } from './queue-store.js';

/**
 * What ties the queue to its store: an item is marked in flight and that mark is on disk before
 * its request may leave (a lease); answers reach the disk shortly after, batched, since losing
 * one only costs a look-up. `ready` holds the leased items whose requests have not left.
 */

export interface ReadyItem {
  index: number;
  /** Look the account up before following: an earlier request may have reached the server. */
  check: boolean;
}

/** Answers reach the disk at the latest this long after they came (or with the next lease). */
const FLUSH_DELAY_MS = 200;

export class Leases {
  readonly ready: ReadyItem[] = [];
  /** True while a lease is being written: its items may not be sent yet. */
  leasing = false;
  private flushTimer: AbortController | null = null;

  constructor(
    private readonly store: QueueStore,
    private readonly items: QueueItems,
    private readonly clock: Clock,
    private readonly on: { leased: () => void; failed: (error: BulkStoreError) => void },
  ) {
    for (const item of items.all) {
      // In flight when the last run ended: it may have reached the server, so check before resending.
      if (item.state === 'in_flight') this.ready.push({ index: item.index, check: true });
    }
  }

  /** Marks up to `count` pending items in flight on disk; once written they are ready to send. */
  lease(count: number): void {
    if (this.leasing) return;
    const leased = this.items.takePending(count);
    if (leased.length === 0) return;
    for (const index of leased) this.items.setState(this.items.get(index), 'in_flight');
    this.leasing = true;
    void this.store.sync().then((error) => {
      this.leasing = false;
      if (error !== null) {
        this.on.failed(error);
        return;
      }
      for (const index of leased) this.ready.push({ index, check: false });
      this.on.leased();
    });
  }

  /** Gives back items leased but never sent; those that may have been sent stay, to be checked. */
  returnUnsent(state: 'pending' | 'cancelled'): void {
    const uncertain = this.ready.filter((ready) => ready.check);
    for (const { index } of this.ready.filter((ready) => !ready.check)) this.items.giveBack(this.items.get(index), state);
    this.ready.splice(0, this.ready.length, ...uncertain);
    this.flushSoon();
  }

  /** Writes the changes recorded so far within FLUSH_DELAY_MS, without a write per change. */
  flushSoon(): void {
    if (this.flushTimer !== null) return;
    const timer = new AbortController();
    this.flushTimer = timer;
    void this.clock.sleep(FLUSH_DELAY_MS, timer.signal).then(async () => {
      if (timer.signal.aborted) return;
      this.flushTimer = null;
      const error = await this.store.sync();
      if (error !== null) this.on.failed(error);
    });
  }

  stopFlushing(): void {
    this.flushTimer?.abort();
    this.flushTimer = null;
  }
}
