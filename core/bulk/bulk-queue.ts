import type { Account } from '../account.js';
import type { BefriendClient, FollowOptions } from '../client-api.js';
import { followOutcome } from '../follow-outcome.js';
import type { ApiError, FollowOutcome, Format, UserResult } from '../types.js';
import type { BulkStore } from './bulk-store.js';
import type {
  BulkAddResult,
  BulkEvent,
  BulkItem,
  BulkItemError,
  BulkItemFilter,
  BulkItemState,
  BulkProgress,
  BulkStatus,
  BulkStoreError,
} from './bulk-types.js';
import { systemClock, type Clock } from './clock.js';
import { targetKey, type BulkEntry } from './parse-bulk-input.js';
import { SendGate, type WaitReason } from './send-gate.js';

/**
 * The bulk follow queue: sends one follow per item, as fast as the server's rate limit and the
 * person's pace allow, never twice for the same account. An item is marked in flight on disk
 * before its request leaves; after a crash such an item is first looked up (users/show) and only
 * sent again when the server does not already show it followed, so a kill at any moment costs
 * a look-up per item that was marked, never a second follow.
 */

export interface BulkQueueOptions {
  client: BefriendClient;
  account: Account;
  store: BulkStore;
  /** Requests at once; default 2. */
  concurrency?: number;
  /** The most follows per minute the person allows; null: what the server allows, else 1 per second. */
  pacePerMinute?: number | null;
  /** Send `follow=true` with each follow. */
  notify?: boolean;
  format?: Format;
  /** Transient failures (server error, network, timeout) before an item counts as failed; default 6. */
  maxTransientFailures?: number;
  /** Exponential backoff with jitter on transient failures; defaults 1 s doubling to 5 min. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How long to wait on a follow limit before trying again (servers do not say); default 15 min. */
  followLimitWaitMs?: number;
  /** How long to wait after a rate-limit refusal without a reset time; default 60 s. */
  rateLimitWaitMs?: number;
  /** Stop (state `stopped`, reason `wait_too_long`) rather than wait longer than this for a rate or follow limit. */
  maxWaitMs?: number | null;
  clock?: Clock;
  /** In [0, 1): the jitter's source. */
  random?: () => number;
}

interface ReadyItem {
  index: number;
  /** Look the account up before following: an earlier request may have reached the server. */
  check: boolean;
}

const TRANSIENT = new Set(['server_error', 'network', 'timeout']);
/** Errors after which the request may have been carried out although no answer came back. */
const UNCERTAIN = new Set(['network', 'timeout']);
/**
 * Items marked in flight per disk write when nothing throttles the queue (the next batch is
 * written while half of this one is still to send). A crash costs at most this many look-ups.
 */
const LEASE_AHEAD = 256;
/** Done items reach the disk at the latest this long after their answer (or with the next lease). */
const FLUSH_DELAY_MS = 200;

const CANCELLED: BulkStatus = {
  state: 'cancelled',
  reason: null,
  until: null,
  message: 'Cancelled: the rest of the list was not sent.',
};

function emptyCounts(): Record<BulkItemState, number> {
  return { pending: 0, in_flight: 0, done: 0, failed: 0, cancelled: 0 };
}

function itemError(error: ApiError): BulkItemError {
  return { kind: error.kind, status: error.status, message: error.message };
}

function lostAnswer(error: unknown): UserResult {
  return { ok: false, error: { kind: 'network', status: null, code: null, message: String(error) }, rateLimit: null };
}

function cloneItem(item: BulkItem): BulkItem {
  return { ...item, target: { ...item.target }, error: item.error && { ...item.error }, user: item.user && { ...item.user } };
}

export class BulkQueue {
  private readonly items: BulkItem[];
  private readonly keys = new Set<string>();
  private readonly counts = emptyCounts();
  private readonly outcomes: Record<FollowOutcome, number> = { followed: 0, already_following: 0, request_pending: 0 };
  private readonly pendingOrder: number[] = [];
  private pendingHead = 0;
  /** Items returned to pending by a refusal: sent before the rest, in the order they came back. */
  private readonly requeued: number[] = [];
  /** In flight on disk, not yet (or no longer) out. */
  private readonly ready: ReadyItem[] = [];
  private readonly transientFailures = new Map<number, number>();
  private readonly listeners = new Set<(event: BulkEvent) => void>();
  private readonly gate: SendGate;
  private readonly clock: Clock;
  private readonly random: () => number;
  private account: Account;
  private concurrency: number;
  private inFlight = 0;
  private leasing = false;
  private consecutiveFailures = 0;
  private requestMsAverage: number | null = null;
  private status: BulkStatus = { state: 'idle', reason: null, until: null, message: null };
  private control: 'run' | 'pause' | 'cancel' | 'close' | 'sign_in' | 'storage' = 'run';
  private storageError: BulkStoreError | null = null;
  private running: Promise<BulkStatus> | null = null;
  private wakeUp: (() => void) | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private stampedAt = Number.NaN;
  private stamp: string | null = null;

  constructor(private readonly options: BulkQueueOptions) {
    this.items = options.store.items;
    this.account = options.account;
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 2));
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.gate = new SendGate(options.pacePerMinute ?? null);
    for (const item of this.items) {
      this.keys.add(targetKey(item.target));
      this.counts[item.state] += 1;
      if (item.state === 'done' && item.outcome) this.outcomes[item.outcome] += 1;
      if (item.state === 'pending') this.pendingOrder.push(item.index);
      // In flight when the last run ended: it may have reached the server, so check before resending.
      if (item.state === 'in_flight') this.ready.push({ index: item.index, check: true });
    }
  }

  subscribe(listener: (event: BulkEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Queues the entries not already in the queue; durable when the promise resolves. */
  async add(entries: readonly BulkEntry[]): Promise<{ ok: true; result: BulkAddResult } | { ok: false; error: BulkStoreError }> {
    const fresh: BulkItem[] = [];
    let alreadyQueued = 0;
    for (const entry of entries) {
      const key = targetKey(entry.target);
      if (this.keys.has(key)) {
        alreadyQueued += 1;
        continue;
      }
      this.keys.add(key);
      fresh.push({
        index: this.items.length + fresh.length,
        line: entry.line,
        input: entry.input,
        target: entry.target,
        state: 'pending',
        outcome: null,
        error: null,
        attempts: 0,
        user: null,
        updatedAt: null,
      });
    }
    if (fresh.length > 0) {
      const error = await this.options.store.addItems(fresh);
      if (error) return { ok: false, error };
      for (const item of fresh) {
        this.counts.pending += 1;
        this.pendingOrder.push(item.index);
      }
      this.emitProgress();
      this.wake();
    }
    return { ok: true, result: { added: fresh.length, alreadyQueued } };
  }

  /** Runs until every item is done or failed, or the queue is cancelled, stopped or needs a sign-in. */
  start(): Promise<BulkStatus> {
    if (this.running) return this.running;
    if (this.control === 'close' || this.control === 'storage') return Promise.resolve(this.status);
    this.control = 'run';
    this.running = this.loop().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  pause(): void {
    if (this.control !== 'run') return;
    this.control = 'pause';
    this.returnReadyTo('pending');
    this.setStatus({ state: 'paused', reason: null, until: null, message: 'Paused: nothing more is sent until you resume.' });
    this.wake();
  }

  /** Continues after a pause, a cancel or a sign-in; with an account, follows as that account from now on. */
  resume(account?: Account): Promise<BulkStatus> {
    if (account) this.account = account;
    if (this.control === 'close' || this.control === 'storage') return Promise.resolve(this.status);
    if (this.control === 'cancel') {
      for (const item of this.items) if (item.state === 'cancelled') this.requeue(item);
    }
    this.control = 'run';
    this.setStatus({ state: 'running', reason: null, until: null, message: null });
    this.wake();
    return this.start();
  }

  /** Stops sending; what is still pending becomes cancelled. Requests already out finish. */
  cancel(): void {
    if (this.control === 'close' || this.control === 'storage') return;
    this.control = 'cancel';
    this.returnReadyTo('cancelled');
    for (const index of this.takeAllPending()) this.setState(this.items[index]!, 'cancelled');
    this.scheduleFlush();
    // A run in progress reports the cancel once its last request is back; an ended one, now.
    if (this.running === null) this.setStatus(CANCELLED);
    this.wake();
  }

  /** Queues failed and cancelled items again, and runs the queue if it had ended. */
  retryFailed(): Promise<BulkStatus> {
    for (const item of this.items) {
      if (item.state === 'failed' || item.state === 'cancelled') {
        this.transientFailures.delete(item.index);
        this.requeue(item);
      }
    }
    this.scheduleFlush();
    if (this.control === 'cancel') this.control = 'run';
    this.wake();
    return this.control === 'run' ? this.start() : Promise.resolve(this.status);
  }

  setOptions(options: { concurrency?: number; pacePerMinute?: number | null }): void {
    if (options.concurrency !== undefined) this.concurrency = Math.max(1, Math.floor(options.concurrency));
    if (options.pacePerMinute !== undefined) this.gate.setPace(options.pacePerMinute);
    this.wake();
  }

  /** Lets requests in flight finish, writes everything down and releases the state directory. */
  async close(): Promise<BulkStoreError | null> {
    if (this.control !== 'storage') this.control = 'close';
    this.returnReadyTo('pending');
    this.wake();
    await this.running;
    await this.drained();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const error = await this.options.store.close();
    if (['idle', 'running', 'waiting', 'paused'].includes(this.status.state)) {
      this.setStatus({ state: 'stopped', reason: 'closed', until: null, message: 'Stopped; run it again to continue.' });
    }
    return error ?? this.storageError;
  }

  progress(): BulkProgress {
    const now = this.clock.now();
    const left = this.counts.pending + this.counts.in_flight;
    const perRequest = this.requestMsAverage === null ? 0 : (left * this.requestMsAverage) / this.concurrency;
    const eta = Math.max(this.gate.estimateMs(left, now), perRequest);
    return {
      total: this.items.length,
      counts: { ...this.counts },
      outcomes: { ...this.outcomes },
      status: { ...this.status },
      rateLimit: this.gate.current(),
      etaSeconds: left === 0 ? 0 : Math.ceil(eta / 1000),
    };
  }

  listItems(filter: BulkItemFilter = {}): { total: number; items: BulkItem[] } {
    const search = filter.search?.trim().toLowerCase() ?? '';
    const matches = this.items.filter(
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

  /** Every item, as it stands (copies). */
  allItems(): BulkItem[] {
    return this.items.map(cloneItem);
  }

  currentStatus(): BulkStatus {
    return { ...this.status };
  }

  private async loop(): Promise<BulkStatus> {
    this.setStatus({ state: 'running', reason: null, until: null, message: null });
    for (;;) {
      const end = this.endState();
      if (end) {
        this.setStatus(end);
        break;
      }
      await this.waitFor(this.pump());
    }
    await this.options.store.sync().then((error) => this.storageFailed(error));
    this.emitProgress();
    return this.currentStatus();
  }

  /** The state the run ends in, once nothing is out; null while there is more to do. */
  private endState(): BulkStatus | null {
    if (this.inFlight > 0 || this.leasing) return null;
    switch (this.control) {
      case 'storage':
        return {
          state: 'stopped',
          reason: 'storage',
          until: null,
          message: `Stopped: progress can no longer be saved. ${this.storageError?.message ?? ''}`.trim(),
        };
      case 'close':
        return { state: 'stopped', reason: 'closed', until: null, message: 'Stopped; run it again to continue.' };
      case 'cancel':
        return CANCELLED;
      case 'sign_in':
        return this.status;
      case 'pause':
        return null;
      case 'run':
        if (this.status.state === 'stopped') return this.status;
        return this.ready.length === 0 && this.counts.pending === 0
          ? { state: 'finished', reason: null, until: null, message: null }
          : null;
    }
  }

  /** Sends what may be sent now; returns how long to sleep (null: until something happens). */
  private pump(): number | null {
    if (this.control !== 'run' || this.status.state === 'stopped') return null;
    for (;;) {
      const now = this.clock.now();
      if (this.inFlight >= this.concurrency) return null;
      const ready = this.gate.readyAt(now, this.inFlight);
      if (ready === null) return null;
      if (ready.at > now) {
        if (ready.reason !== null && ready.reason !== 'pace') return this.waitForLimit(ready.reason, ready.at, now);
        return ready.at - now;
      }
      const next = this.ready.shift();
      if (next === undefined) {
        this.lease(now);
        return null;
      }
      if (this.status.state !== 'running') this.setStatus({ state: 'running', reason: null, until: null, message: null });
      this.send(next, now);
      if (this.ready.length < LEASE_AHEAD / 2 && this.gate.unthrottled(now, this.inFlight, LEASE_AHEAD)) this.lease(now);
    }
  }

  private waitForLimit(reason: Exclude<WaitReason, 'pace'>, until: number, now: number): number | null {
    const maxWait = this.options.maxWaitMs;
    if (reason !== 'backoff' && maxWait !== undefined && maxWait !== null && until - now > maxWait) {
      this.setStatus({
        state: 'stopped',
        reason: 'wait_too_long',
        until: new Date(until).toISOString(),
        message: `Stopped: the ${reason === 'follow_limit' ? 'follow limit' : 'rate limit'} lifts at ${new Date(until).toISOString()}, later than you chose to wait. Run it again then.`,
      });
      return 0;
    }
    const iso = new Date(until).toISOString();
    if (this.status.state !== 'waiting' || this.status.until !== iso) {
      const message =
        reason === 'follow_limit'
          ? `You have reached the number of accounts you may follow for now: waiting until ${iso}.`
          : reason === 'rate_limit'
            ? `The server's rate limit is used up: waiting until ${iso}.`
            : `The server is not answering properly: trying again at ${iso}.`;
      this.setStatus({ state: 'waiting', reason, until: iso, message });
    }
    return until - now;
  }

  /** Marks the next items in flight on disk; only then may their requests leave. */
  private lease(now: number): void {
    if (this.leasing) return;
    const wanted = this.gate.unthrottled(now, this.inFlight, LEASE_AHEAD)
      ? LEASE_AHEAD
      : this.gate.interval() > 0
        ? 1
        : Math.max(1, Math.min(this.concurrency - this.inFlight, this.gate.budget(now, this.inFlight)));
    const leased = this.takePending(wanted);
    if (leased.length === 0) return;
    for (const index of leased) this.setState(this.items[index]!, 'in_flight');
    this.leasing = true;
    void this.options.store.sync().then((error) => {
      this.leasing = false;
      if (this.storageFailed(error)) return;
      for (const index of leased) this.ready.push({ index, check: false });
      if (this.control === 'cancel') this.returnReadyTo('cancelled');
      else if (this.control !== 'run') this.returnReadyTo('pending');
      this.wake();
    });
  }

  private send(next: ReadyItem, now: number): void {
    const item = this.items[next.index]!;
    const account = this.account;
    const options: FollowOptions = { format: this.options.format ?? account.format, notify: this.options.notify === true };
    this.inFlight += 1;
    this.gate.sent(now);
    item.attempts += 1;
    this.options.store.record(item);
    const request: Promise<UserResult> = next.check
      ? this.options.client.show(account, item.target, options)
      : this.options.client.follow(account, item.target, options);
    void request.then(
      (result) => this.answered(item, next.check, result, now),
      // The client never rejects by contract; should it, the item is treated as a lost answer.
      (error: unknown) => this.answered(item, false, lostAnswer(error), now),
    );
  }

  private answered(item: BulkItem, checked: boolean, result: UserResult, sentAt: number): void {
    try {
      if (checked) this.afterCheck(item, result);
      else this.afterFollow(item, result);
    } finally {
      this.inFlight -= 1;
      const took = this.clock.now() - sentAt;
      this.requestMsAverage = this.requestMsAverage === null ? took : this.requestMsAverage * 0.9 + took * 0.1;
      this.scheduleFlush();
      this.emitProgress();
      // Send the next one from here rather than after a turn of the loop: no gap between requests.
      // The loop only needs waking to start a timer or to end the run.
      if (this.pump() !== null || this.inFlight === 0) this.wake();
    }
  }

  private observe(result: UserResult): void {
    const answered = result.ok || result.error.status !== null;
    if (answered) this.gate.observe(result.rateLimit, this.clock.now());
  }

  /** After a crash or a lost answer: is the account already followed (or requested)? */
  private afterCheck(item: BulkItem, result: UserResult): void {
    // Not observed for the rate limit: users/show may count against another window than follows.
    if (result.ok) {
      if (result.user.following === true || result.user.followRequestSent === true) {
        const outcome: FollowOutcome = result.user.followRequestSent === true ? 'request_pending' : 'already_following';
        this.finish(item, outcome, { id: result.user.id, screenName: result.user.screenName });
      } else {
        this.ready.unshift({ index: item.index, check: false });
      }
      return;
    }
    if (this.refused(item, result, true)) return;
    if (result.error.kind === 'not_found' || result.error.kind === 'forbidden') {
      // The account is gone or suspended: a follow would be refused the same way.
      this.fail(item, result.error);
      return;
    }
    // The server cannot say (no users/show, an odd answer): send the follow; a repeat is refused as already_following.
    this.ready.unshift({ index: item.index, check: false });
  }

  private afterFollow(item: BulkItem, result: UserResult): void {
    this.observe(result);
    if (result.ok) {
      this.consecutiveFailures = 0;
      this.finish(item, followOutcome(result) ?? 'followed', { id: result.user.id, screenName: result.user.screenName });
      return;
    }
    const outcome = followOutcome(result);
    if (outcome !== null) {
      this.consecutiveFailures = 0;
      this.finish(item, outcome, null);
      return;
    }
    if (!this.refused(item, result, false)) this.fail(item, result.error);
  }

  /**
   * Handles the answers that say "not now" rather than "no": a lost sign-in, the follow and rate
   * limits, transient failures. Returns false for a definite refusal of this one item.
   */
  private refused(item: BulkItem, result: UserResult & { ok: false }, checking: boolean): boolean {
    const { error } = result;
    const now = this.clock.now();
    const resetAt = result.rateLimit?.resetAt ? Date.parse(result.rateLimit.resetAt) : Number.NaN;
    item.error = itemError(error);
    switch (error.kind) {
      case 'unauthorized':
        this.putBack(item, checking);
        if (this.control === 'run') {
          this.control = 'sign_in';
          this.returnReadyTo('pending');
          this.setStatus({
            state: 'needs_sign_in',
            reason: null,
            until: null,
            message: `The server no longer accepts these credentials (${error.message}): sign in again, then resume.`,
          });
        }
        return true;
      case 'follow_limit':
        // Not the rate-limit window: servers do not say when a follow limit lifts, so look again later.
        this.putBack(item, checking);
        this.gate.holdUntil(now + (this.options.followLimitWaitMs ?? 15 * 60_000), 'follow_limit');
        return true;
      case 'rate_limited':
        this.putBack(item, checking);
        this.gate.holdUntil(resetAt > now ? resetAt : now + (this.options.rateLimitWaitMs ?? 60_000), 'rate_limit');
        return true;
      default:
        break;
    }
    if (!TRANSIENT.has(error.kind)) return false;
    const failures = (this.transientFailures.get(item.index) ?? 0) + 1;
    this.transientFailures.set(item.index, failures);
    this.consecutiveFailures += 1;
    const base = this.options.backoffBaseMs ?? 1000;
    const cap = this.options.backoffMaxMs ?? 5 * 60_000;
    const delay = Math.min(cap, base * 2 ** (this.consecutiveFailures - 1)) * (0.5 + this.random() / 2);
    this.gate.holdUntil(now + delay, 'backoff');
    if (failures >= (this.options.maxTransientFailures ?? 6)) {
      this.fail(item, error);
      return true;
    }
    this.putBack(item, checking || UNCERTAIN.has(error.kind));
    return true;
  }

  private finish(item: BulkItem, outcome: FollowOutcome, user: BulkItem['user']): void {
    item.outcome = outcome;
    item.error = null;
    item.user = user;
    this.outcomes[outcome] += 1;
    this.transientFailures.delete(item.index);
    this.setState(item, 'done');
  }

  private fail(item: BulkItem, error: ApiError): void {
    item.error = itemError(error);
    this.transientFailures.delete(item.index);
    this.setState(item, 'failed');
  }

  /**
   * Not done yet. Refused before anything happened: back to pending, ahead of the rest. Possibly
   * carried out (`uncertain`): stays in flight, to be looked up before it is sent again.
   */
  private putBack(item: BulkItem, uncertain: boolean): void {
    if (uncertain) {
      this.options.store.record(item);
      this.ready.unshift({ index: item.index, check: true });
      return;
    }
    this.setState(item, this.control === 'cancel' ? 'cancelled' : 'pending');
    if (item.state === 'pending') this.requeued.push(item.index);
  }

  private requeue(item: BulkItem): void {
    item.outcome = null;
    item.error = null;
    this.setState(item, 'pending');
    this.pendingOrder.push(item.index);
  }

  /** Gives back items marked in flight but never sent; those that may have been sent stay, to be checked. */
  private returnReadyTo(state: 'pending' | 'cancelled'): void {
    const uncertain = this.ready.filter((ready) => ready.check);
    for (const { index } of this.ready.filter((ready) => !ready.check)) {
      this.setState(this.items[index]!, state);
      if (state === 'pending') this.requeued.push(index);
    }
    this.ready.splice(0, this.ready.length, ...uncertain);
    this.scheduleFlush();
  }

  private takePending(count: number): number[] {
    const taken: number[] = [];
    while (taken.length < count && this.requeued.length > 0) {
      const index = this.requeued.shift()!;
      if (this.items[index]!.state === 'pending') taken.push(index);
    }
    while (taken.length < count && this.pendingHead < this.pendingOrder.length) {
      const index = this.pendingOrder[this.pendingHead]!;
      this.pendingHead += 1;
      if (this.items[index]!.state === 'pending') taken.push(index);
    }
    if (this.pendingHead > 4096 && this.pendingHead * 2 > this.pendingOrder.length) {
      this.pendingOrder.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
    return taken;
  }

  private takeAllPending(): number[] {
    return this.takePending(Number.POSITIVE_INFINITY);
  }

  private setState(item: BulkItem, state: BulkItemState): void {
    this.counts[item.state] -= 1;
    this.counts[state] += 1;
    item.state = state;
    item.updatedAt = this.timestamp();
    this.options.store.record(item);
    if (this.listeners.size > 0) this.emit({ type: 'item', item: cloneItem(item) });
  }

  /**
   * Now, as ISO text. Twice per item, thousands a second, and a lease marks hundreds at once:
   * items stamped within the same millisecond share one string.
   */
  private timestamp(): string | null {
    const ms = Math.floor(this.clock.now());
    if (ms !== this.stampedAt) {
      this.stampedAt = ms;
      this.stamp = new Date(ms).toISOString();
    }
    return this.stamp;
  }

  private storageFailed(error: BulkStoreError | null): boolean {
    if (error === null) return false;
    this.storageError = error;
    this.control = 'storage';
    this.wake();
    return true;
  }

  /** Answers reach the disk soon without a write per answer; the next lease carries them anyway. */
  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      void this.options.store.sync().then((error) => this.storageFailed(error));
    }, FLUSH_DELAY_MS);
    this.flushTimer.unref?.();
  }

  private async drained(): Promise<void> {
    while (this.inFlight > 0 || this.leasing) await this.waitFor(null);
  }

  private waitFor(ms: number | null): Promise<void> {
    const woken = new Promise<void>((resolve) => {
      this.wakeUp = resolve;
    });
    if (ms === null) return woken;
    const abort = new AbortController();
    return Promise.race([woken, this.clock.sleep(Math.max(0, ms), abort.signal)]).finally(() => abort.abort());
  }

  private wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }

  private setStatus(status: BulkStatus): void {
    this.status = status;
    this.emit({ type: 'status', status: { ...status } });
    this.emitProgress();
  }

  private emitProgress(): void {
    if (this.listeners.size > 0) this.emit({ type: 'progress', progress: this.progress() });
  }

  private emit(event: BulkEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
