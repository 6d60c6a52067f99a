import type { Account } from '../account.js';
import type { FollowOptions } from '../client-api.js';
import type { Result } from '../result.js';
import type { UserResult } from '../types.js';
import { arrived, holdAfter, judgeCheck, judgeFollow, lostAnswer, type AnswerVerdict } from './answer-verdict.js';
import type { BulkAddResult, BulkEvent, BulkItem, BulkItemFilter, BulkProgress, BulkStatus, BulkStoreError } from './bulk-types.js';
import { Alarm } from './clock.js';
import { Leases, type ReadyItem } from './leases.js';
import type { BulkEntry } from './parse-bulk-input.js';
import { wholeConcurrency, withDefaults, type BulkQueueOptions, type QueueSettings } from './queue-options.js';
import { cloneItem, itemError, QueueItems } from './queue-items.js';
import {
  CANCELLED,
  CLOSED,
  FINISHED,
  IDLE,
  needsSignIn,
  PAUSED,
  progressOf,
  RUNNING,
  storageStopped,
  waiting,
  waitTooLong,
} from './queue-status.js';
import { SendGate } from './send-gate.js';

/**
 * The bulk follow queue: sends one follow per item, as fast as the server's rate limit and the
 * person's pace allow, never twice for the same account. An item is marked in flight on disk
 * before its request leaves; after a crash such an item is first looked up (users/show) and only
 * sent again when the server does not already show it followed, so a kill at any moment costs
 * a look-up per item that was marked, never a second follow.
 */

type Control = 'run' | 'pause' | 'cancel' | 'close' | 'sign_in' | 'storage';

export class BulkQueue {
  private readonly settings: QueueSettings;
  private readonly items: QueueItems;
  private readonly leases: Leases;
  private readonly listeners = new Set<(event: BulkEvent) => void>();
  private readonly gate: SendGate;
  private readonly alarm: Alarm;
  private account: Account;
  private inFlight = 0;
  private consecutiveFailures = 0;
  private requestMsAverage: number | null = null;
  private status: BulkStatus = IDLE;
  private control: Control = 'run';
  private storageError: BulkStoreError | null = null;
  private running: Promise<BulkStatus> | null = null;
  /** The loop has left its last pass and is only writing down: work queued now needs a new one. */
  private ending = false;

  constructor(options: BulkQueueOptions) {
    this.settings = withDefaults(options);
    const { store, clock } = this.settings;
    this.account = options.account;
    this.gate = new SendGate(options.pacePerMinute ?? null);
    this.alarm = new Alarm(clock);
    this.items = new QueueItems(store, clock, (item) => this.emit({ type: 'item', item: cloneItem(item) }));
    this.leases = new Leases(store, this.items, clock, {
      leased: () => this.afterLease(),
      failed: (error) => this.storageFailed(error),
    });
  }

  subscribe(listener: (event: BulkEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues the entries not already in the queue; durable when the promise resolves. */
  async add(entries: readonly BulkEntry[]): Promise<Result<{ result: BulkAddResult }, BulkStoreError>> {
    const { items, alreadyQueued } = this.items.fresh(entries);
    if (items.length > 0) {
      const error = await this.settings.store.addItems(items);
      if (error) return { ok: false, error };
      this.items.admit(items);
      this.emitProgress();
      this.alarm.wake();
    }
    return { ok: true, result: { added: items.length, alreadyQueued } };
  }

  /** Runs until every item is done or failed, or the queue is cancelled, stopped or needs a sign-in. */
  start(): Promise<BulkStatus> {
    // A retry or resume that lands while the finished loop writes down would otherwise be lost.
    if (this.running) return this.ending ? this.running.then(() => this.start()) : this.running;
    if (this.control === 'close' || this.control === 'storage') return Promise.resolve(this.status);
    this.control = 'run';
    this.ending = false;
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  pause(): void {
    if (this.control !== 'run') return;
    this.control = 'pause';
    this.leases.returnUnsent('pending');
    this.setStatus(PAUSED);
    this.alarm.wake();
  }

  /** Continues after a pause, a cancel or a sign-in; with an account, follows as that account from now on. */
  resume(account?: Account): Promise<BulkStatus> {
    if (account) this.account = account;
    if (this.control === 'close' || this.control === 'storage') return Promise.resolve(this.status);
    if (this.control === 'cancel') this.items.requeueWhere((state) => state === 'cancelled');
    this.control = 'run';
    this.setStatus(RUNNING);
    this.alarm.wake();
    return this.start();
  }

  /** Stops sending; what is still pending becomes cancelled. Requests already out finish. */
  cancel(): void {
    if (this.control === 'close' || this.control === 'storage') return;
    this.control = 'cancel';
    this.leases.returnUnsent('cancelled');
    this.items.cancelPending();
    this.leases.flushSoon();
    // A run in progress reports the cancel once its last request is back; an ended one, now.
    if (this.running === null) this.setStatus(CANCELLED);
    this.alarm.wake();
  }

  /** Queues failed and cancelled items again, and runs the queue if it had ended. */
  retryFailed(): Promise<BulkStatus> {
    this.items.requeueWhere((state) => state === 'failed' || state === 'cancelled', { forgetFailures: true });
    this.leases.flushSoon();
    if (this.control === 'cancel') this.control = 'run';
    this.alarm.wake();
    return this.control === 'run' ? this.start() : Promise.resolve(this.status);
  }

  setOptions(options: { concurrency?: number; pacePerMinute?: number | null }): void {
    if (options.concurrency !== undefined) this.settings.concurrency = wholeConcurrency(options.concurrency);
    if (options.pacePerMinute !== undefined) this.gate.setPace(options.pacePerMinute);
    this.alarm.wake();
  }

  /** Lets requests in flight finish, writes everything down and releases the state directory. */
  async close(): Promise<BulkStoreError | null> {
    if (this.control !== 'storage') this.control = 'close';
    this.leases.returnUnsent('pending');
    this.alarm.wake();
    await this.running;
    while (this.inFlight > 0 || this.leases.leasing) await this.alarm.wait(null);
    this.leases.stopFlushing();
    const error = await this.settings.store.close();
    if (['idle', 'running', 'waiting', 'paused'].includes(this.status.state)) this.setStatus(CLOSED);
    return error ?? this.storageError;
  }

  progress(): BulkProgress {
    return progressOf(this.items, this.status, this.gate, {
      now: this.settings.clock.now(),
      requestMs: this.requestMsAverage,
      concurrency: this.settings.concurrency,
    });
  }

  listItems(filter: BulkItemFilter = {}): { total: number; items: BulkItem[] } {
    return this.items.list(filter);
  }

  /** Every item, as it stands (copies). */
  allItems(): BulkItem[] {
    return this.items.all.map(cloneItem);
  }

  currentStatus(): BulkStatus {
    return { ...this.status };
  }

  private async loop(): Promise<BulkStatus> {
    this.setStatus(RUNNING);
    for (;;) {
      const end = this.endState();
      if (end) {
        this.ending = true;
        this.setStatus(end);
        break;
      }
      await this.alarm.wait(this.pump());
    }
    this.storageFailed(await this.settings.store.sync());
    this.emitProgress();
    return this.currentStatus();
  }

  /** The state the run ends in, once nothing is out; null while there is more to do. */
  private endState(): BulkStatus | null {
    if (this.inFlight > 0 || this.leases.leasing) return null;
    switch (this.control) {
      case 'storage':
        return storageStopped(this.storageError);
      case 'close':
        return CLOSED;
      case 'cancel':
        return CANCELLED;
      case 'sign_in':
        return this.status;
      case 'pause':
        return null;
      case 'run':
        if (this.status.state === 'stopped') return this.status;
        return this.leases.ready.length === 0 && this.items.counts.pending === 0 ? FINISHED : null;
    }
  }

  /** Sends what may be sent now; returns how long to sleep (null: until something happens). */
  private pump(): number | null {
    if (this.control !== 'run' || this.status.state === 'stopped') return null;
    for (;;) {
      const now = this.settings.clock.now();
      if (this.inFlight >= this.settings.concurrency) return null;
      const ready = this.gate.readyAt(now, this.inFlight);
      if (ready === null) return null;
      if (ready.at > now) {
        if (ready.reason === null || ready.reason === 'pace') return ready.at - now;
        const maxWait = this.settings.maxWaitMs;
        if (ready.reason !== 'backoff' && maxWait !== null && ready.at - now > maxWait) {
          this.setStatus(waitTooLong(ready.reason, ready.at));
          return 0;
        }
        const status = waiting(ready.reason, ready.at);
        if (this.status.state !== 'waiting' || this.status.until !== status.until) this.setStatus(status);
        return ready.at - now;
      }
      const next = this.leases.ready.shift();
      if (next === undefined) {
        this.leases.lease(this.gate.batch(now, this.inFlight, this.settings.concurrency));
        return null;
      }
      if (this.status.state !== 'running') this.setStatus(RUNNING);
      this.send(next, now);
    }
  }

  private afterLease(): void {
    if (this.control === 'cancel') this.leases.returnUnsent('cancelled');
    else if (this.control !== 'run') this.leases.returnUnsent('pending');
    this.alarm.wake();
  }

  private send(next: ReadyItem, now: number): void {
    const item = this.items.get(next.index);
    const account = this.account;
    const options: FollowOptions = { format: this.settings.format ?? account.format, notify: this.settings.notify === true };
    this.inFlight += 1;
    this.gate.sent(now);
    item.attempts += 1;
    this.settings.store.record(item);
    const request: Promise<UserResult> = next.check
      ? this.settings.client.show(account, item.target, options)
      : this.settings.client.follow(account, item.target, options);
    void request.then(
      (result) => this.answered(item, next.check, result, now),
      (error: unknown) => this.answered(item, false, lostAnswer(error), now),
    );
  }

  private answered(item: BulkItem, checked: boolean, result: UserResult, sentAt: number): void {
    try {
      // A look-up is not counted against the follows' window: users/show may count against another.
      if (!checked && arrived(result)) this.gate.observe(result.rateLimit, this.settings.clock.now());
      this.settle(item, checked ? judgeCheck(result) : judgeFollow(result), checked);
    } finally {
      this.inFlight -= 1;
      const took = this.settings.clock.now() - sentAt;
      this.requestMsAverage = this.requestMsAverage === null ? took : this.requestMsAverage * 0.9 + took * 0.1;
      this.leases.flushSoon();
      this.emitProgress();
      this.alarm.wake();
    }
  }

  private settle(item: BulkItem, verdict: AnswerVerdict, checked: boolean): void {
    switch (verdict.kind) {
      case 'done':
        if (!checked) this.consecutiveFailures = 0;
        this.items.finish(item, verdict.outcome, verdict.user);
        return;
      case 'send':
        this.leases.ready.unshift({ index: item.index, check: false });
        return;
      case 'failed':
        this.items.fail(item, verdict.error);
        return;
    }
    item.error = itemError(verdict.error);
    if (verdict.kind === 'transient') this.consecutiveFailures += 1;
    const hold = holdAfter(verdict, this.settings.clock.now(), this.consecutiveFailures, this.settings);
    if (hold !== null) this.gate.holdUntil(hold.until, hold.reason);
    if (verdict.kind === 'transient' && this.items.failedTransiently(item) >= this.settings.maxTransientFailures) {
      this.items.fail(item, verdict.error);
      return;
    }
    this.putBack(item, verdict.recheck);
    if (verdict.kind === 'sign_in' && this.control === 'run') {
      this.control = 'sign_in';
      this.leases.returnUnsent('pending');
      this.setStatus(needsSignIn(verdict.error));
    }
  }

  /**
   * Not done yet. Refused before anything happened: back to pending, ahead of the rest. Possibly
   * carried out (`recheck`): stays in flight, to be looked up before it is sent again.
   */
  private putBack(item: BulkItem, recheck: boolean): void {
    if (recheck) {
      this.settings.store.record(item);
      this.leases.ready.unshift({ index: item.index, check: true });
      return;
    }
    this.items.giveBack(item, this.control === 'cancel' ? 'cancelled' : 'pending');
  }

  private storageFailed(error: BulkStoreError | null): void {
    if (error === null) return;
    this.storageError = error;
    this.control = 'storage';
    this.alarm.wake();
  }

  private setStatus(status: BulkStatus): void {
    this.status = status;
    this.emit({ type: 'status', status: { ...status } });
    this.emitProgress();
  }

  private emitProgress(): void {
    this.emit({ type: 'progress', progress: this.progress() });
  }

  private emit(event: BulkEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
