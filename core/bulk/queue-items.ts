import type { ApiError, FollowOutcome } from '../types.js';
import type { BulkItem, BulkItemFilter, BulkItemState } from './bulk-types.js';
import type { Clock } from './clock.js';
import { targetKey, type BulkEntry } from './parse-bulk-input.js';
import type { QueueStore } from './queue-store.js';

/**
 * The items of a queue and the one way their state changes: every change is counted, stamped
 * with the clock's time, noted for the store and announced. Which pending item goes next is kept
 * here too: those put back by a refusal first, in the order they came back, then the list in order.
 */

export function cloneItem(item: BulkItem): BulkItem {
  return { ...item, target: { ...item.target }, error: item.error && { ...item.error }, user: item.user && { ...item.user } };
}

/** A new item for an entry of the list: nothing sent for it yet. */
export function pendingItem(index: number, { line, input, target }: BulkEntry): BulkItem {
  return { index, line, input, target, state: 'pending', outcome: null, error: null, attempts: 0, user: null, updatedAt: null };
}

export class QueueItems {
  readonly all: BulkItem[];
  readonly counts: Record<BulkItemState, number> = { pending: 0, in_flight: 0, done: 0, failed: 0, cancelled: 0 };
  readonly outcomes: Record<FollowOutcome, number> = { followed: 0, already_following: 0, request_pending: 0 };
  private readonly keys = new Set<string>();
  private readonly pendingOrder: number[] = [];
  private pendingHead = 0;
  /** Pending again after a refusal: sent before the rest. */
  private readonly putBack: number[] = [];
  /** Server errors, network failures and timeouts per item since it last finished. */
  private readonly transientFailures = new Map<number, number>();

  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly changed: (item: BulkItem) => void,
  ) {
    this.all = store.items;
    for (const item of this.all) {
      this.keys.add(targetKey(item.target));
      this.counts[item.state] += 1;
      if (item.state === 'done' && item.outcome) this.outcomes[item.outcome] += 1;
      if (item.state === 'pending') this.pendingOrder.push(item.index);
    }
  }

  get(index: number): BulkItem {
    return this.all[index]!;
  }

  /** Items still to send: pending, or in flight (possibly sent, not answered). */
  left(): number {
    return this.counts.pending + this.counts.in_flight;
  }

  /** New pending items for the entries not queued yet; they count once `admit` has them. */
  fresh(entries: readonly BulkEntry[]): { items: BulkItem[]; alreadyQueued: number } {
    const items: BulkItem[] = [];
    let alreadyQueued = 0;
    for (const entry of entries) {
      const key = targetKey(entry.target);
      if (this.keys.has(key)) {
        alreadyQueued += 1;
        continue;
      }
      this.keys.add(key);
      items.push(pendingItem(this.all.length + items.length, entry));
    }
    return { items, alreadyQueued };
  }

  /** Counts items the store now holds (after `addItems`). */
  admit(items: readonly BulkItem[]): void {
    for (const item of items) {
      this.counts.pending += 1;
      this.pendingOrder.push(item.index);
    }
  }

  /** Up to `count` pending items, in the order they are to be sent. */
  takePending(count: number): number[] {
    const taken: number[] = [];
    while (taken.length < count && this.putBack.length > 0) {
      const index = this.putBack.shift()!;
      if (this.get(index).state === 'pending') taken.push(index);
    }
    while (taken.length < count && this.pendingHead < this.pendingOrder.length) {
      const index = this.pendingOrder[this.pendingHead]!;
      this.pendingHead += 1;
      if (this.get(index).state === 'pending') taken.push(index);
    }
    return taken;
  }

  /** Not sent, or refused before anything happened: pending again, ahead of the rest (or cancelled). */
  giveBack(item: BulkItem, state: 'pending' | 'cancelled'): void {
    this.setState(item, state);
    if (state === 'pending') this.putBack.push(item.index);
  }

  /**
   * Sends the items in the chosen states again, after the rest of the list. A retry the person
   * asks for also starts with no transient failures held against them.
   */
  requeueWhere(chosen: (state: BulkItemState) => boolean, options: { forgetFailures?: boolean } = {}): void {
    for (const item of this.all) {
      if (!chosen(item.state)) continue;
      if (options.forgetFailures) this.transientFailures.delete(item.index);
      item.outcome = null;
      item.error = null;
      this.setState(item, 'pending');
      this.pendingOrder.push(item.index);
    }
  }

  cancelPending(): void {
    for (const index of this.takePending(Number.POSITIVE_INFINITY)) this.setState(this.get(index), 'cancelled');
  }

  /** Counts one more transient failure of the item; returns how many it has had. */
  failedTransiently(item: BulkItem): number {
    const failures = (this.transientFailures.get(item.index) ?? 0) + 1;
    this.transientFailures.set(item.index, failures);
    return failures;
  }

  finish(item: BulkItem, outcome: FollowOutcome, user: BulkItem['user']): void {
    item.outcome = outcome;
    item.error = null;
    item.user = user;
    this.outcomes[outcome] += 1;
    this.transientFailures.delete(item.index);
    this.setState(item, 'done');
  }

  fail(item: BulkItem, error: ApiError): void {
    item.error = itemError(error);
    this.transientFailures.delete(item.index);
    this.setState(item, 'failed');
  }

  setState(item: BulkItem, state: BulkItemState): void {
    this.counts[item.state] -= 1;
    this.counts[state] += 1;
    item.state = state;
    item.updatedAt = new Date(this.clock.now()).toISOString();
    this.store.record(item);
    this.changed(item);
  }

  list(filter: BulkItemFilter = {}): { total: number; items: BulkItem[] } {
    const search = filter.search?.trim().toLowerCase() ?? '';
    const matches = this.all.filter(
      (item) =>
        (filter.states === undefined || filter.states.includes(item.state)) &&
        (search === '' ||
          item.input.toLowerCase().includes(search) ||
          (item.user?.screenName.toLowerCase().includes(search) ?? false)),
    );
    const offset = Math.max(0, filter.offset ?? 0);
    const end = filter.limit === undefined ? undefined : offset + Math.max(0, filter.limit);
    return { total: matches.length, items: matches.slice(offset, end).map(cloneItem) };
  }
}

export function itemError(error: ApiError): BulkItem['error'] {
  return { kind: error.kind, status: error.status, message: error.message };
}
