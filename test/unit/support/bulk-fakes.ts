import type { Account } from '../../../core/account.js';
import type { BefriendClient } from '../../../core/client-api.js';
import type { BulkStore } from '../../../core/bulk/bulk-store.js';
import type { BulkItem, BulkOwner, BulkStoreError } from '../../../core/bulk/bulk-types.js';
import type { Clock } from '../../../core/bulk/clock.js';
import type { Target } from '../../../core/target.js';
import type { ApiError, ErrorKind, RateLimit, User, UserResult } from '../../../core/types.js';

/** A store that keeps items in memory and counts syncs; persistence itself is tested on the file store. */
export class MemoryBulkStore implements BulkStore {
  readonly owner: BulkOwner | null = null;
  syncs = 0;
  /** Set to make every later write fail, as a full or vanished disk would. */
  failure: BulkStoreError | null = null;
  readonly recorded = new Set<number>();
  constructor(readonly items: BulkItem[] = []) {}
  record(item: BulkItem): void {
    this.recorded.add(item.index);
  }
  async addItems(items: BulkItem[]) {
    this.items.push(...items);
    return null;
  }
  async sync() {
    this.syncs += 1;
    return this.failure;
  }
  async close() {
    return null;
  }
}

interface Timer {
  at: number;
  resolve: () => void;
}

/**
 * Virtual time: sleeps end only when `run` advances the clock to them. With `realIoMs`, each step
 * also waits that long in real time, so a real disk's writes finish before virtual time moves on.
 */
export class FakeClock implements Clock {
  private time = Date.parse('2026-01-01T00:00:00.000Z');
  private timers: Timer[] = [];

  constructor(private readonly realIoMs = 0) {}

  private async settle(): Promise<void> {
    for (let i = 0; i < 20; i += 1) await new Promise((r) => setImmediate(r));
    if (this.realIoMs > 0) await new Promise((r) => setTimeout(r, this.realIoMs));
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer: Timer = { at: this.time + ms, resolve };
      this.timers.push(timer);
      signal.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** Lets every ready callback run, then moves time to the next timer; until `promise` settles. */
  async run<T>(promise: Promise<T>, limitMs = 7 * 24 * 3600_000): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    const start = this.time;
    let idleSteps = 0;
    for (;;) {
      await this.settle();
      if (settled) return watched;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (next === undefined) {
        if (this.realIoMs > 0 && idleSteps++ < 1000) continue;
        throw new Error('Nothing left to wait for, yet the promise has not settled');
      }
      idleSteps = 0;
      if (next.at - start > limitMs) throw new Error('Virtual time limit reached');
      this.time = Math.max(this.time, next.at);
      next.resolve();
    }
  }

  /** Runs for `ms` of virtual time (or until nothing waits any more). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await this.settle();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (next === undefined || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.resolve();
    }
    this.time = end;
    await this.settle();
  }
}

export interface SentRequest {
  kind: 'follow' | 'show';
  key: string;
  at: number;
  account: Account;
  notify: boolean;
}

type Scripted = { kind: ErrorKind; status: number | null; message?: string; rateLimit?: RateLimit | null; applied?: boolean };

/**
 * A server in miniature behind the BefriendClient interface: follows are remembered, a repeat is
 * refused as already_following, a fixed window limits requests, and tests can script failures.
 */
export class FakeServer {
  readonly sent: SentRequest[] = [];
  readonly following = new Set<string>();
  readonly protectedAccounts = new Set<string>();
  readonly missing = new Set<string>();
  /** Failures to answer with, per target key, in order, before behaving normally. */
  readonly script = new Map<string, Scripted[]>();
  window: { limit: number; lengthMs: number } | null = null;
  sendsHeaders = true;
  /** False: users/show leaves `following` and `follow_request_sent` out, as some servers do. */
  showsRelationship = true;
  latencyMs = 100;
  refusedForRateLimit = 0;
  inFlight = 0;
  maxInFlight = 0;
  private windowStart = 0;
  private windowUsed = 0;

  constructor(private readonly clock: FakeClock) {}

  readonly client: BefriendClient = {
    follow: (account, target, options) => this.handle('follow', account, target, options?.notify === true),
    show: (account, target) => this.handle('show', account, target, false),
    unfollow: () => Promise.reject(new Error('not used')),
    search: () => Promise.reject(new Error('not used')),
    verifyCredentials: () => Promise.reject(new Error('not used')),
    requestToken: () => Promise.reject(new Error('not used')),
    accessToken: () => Promise.reject(new Error('not used')),
  };

  follows(key: string): number {
    return this.sent.filter((r) => r.kind === 'follow' && r.key === key).length;
  }

  private rateLimit(): RateLimit | null {
    if (!this.sendsHeaders) return null;
    if (this.window === null) return { limit: 1_000_000, remaining: 999_999, resetAt: new Date(this.clock.now() + 3600_000).toISOString() };
    return {
      limit: this.window.limit,
      remaining: Math.max(0, this.window.limit - this.windowUsed),
      resetAt: new Date(this.windowStart + this.window.lengthMs).toISOString(),
    };
  }

  private async handle(kind: 'follow' | 'show', account: Account, target: Target, notify: boolean): Promise<UserResult> {
    const key = target.value.toLowerCase();
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    this.sent.push({ kind, key, at: this.clock.now(), account, notify });
    const abort = new AbortController();
    await this.clock.sleep(this.latencyMs / 2, abort.signal);
    const result = this.answer(kind, key);
    await this.clock.sleep(this.latencyMs / 2, abort.signal);
    this.inFlight -= 1;
    return result;
  }

  private answer(kind: 'follow' | 'show', key: string): UserResult {
    const now = this.clock.now();
    if (this.window !== null) {
      if (now >= this.windowStart + this.window.lengthMs) {
        this.windowStart = now;
        this.windowUsed = 0;
      }
      this.windowUsed += 1;
      if (this.windowUsed > this.window.limit) {
        this.refusedForRateLimit += 1;
        return this.error({ kind: 'rate_limited', status: 400, message: 'Rate limit exceeded.' });
      }
    }
    const scripted = this.script.get(key)?.shift();
    if (scripted) {
      if (scripted.applied) this.following.add(key);
      return this.error(scripted);
    }
    if (this.missing.has(key)) return this.error({ kind: 'not_found', status: 404, message: 'Not found' });
    const isProtected = this.protectedAccounts.has(key);
    if (kind === 'show') return { ok: true, user: this.user(key, isProtected), rateLimit: this.rateLimit() };
    if (this.following.has(key)) {
      return isProtected
        ? this.error({ kind: 'request_pending', status: 403, message: `You've already requested to follow ${key}.` })
        : this.error({ kind: 'already_following', status: 403, message: `Could not follow user: ${key} is already on your list.` });
    }
    this.following.add(key);
    return { ok: true, user: { ...this.user(key, isProtected), followRequestSent: isProtected }, rateLimit: this.rateLimit() };
  }

  private error(scripted: Scripted): UserResult {
    const error: ApiError = { kind: scripted.kind, status: scripted.status, code: null, message: scripted.message ?? scripted.kind };
    const rateLimit = scripted.rateLimit !== undefined ? scripted.rateLimit : scripted.status === null ? null : this.rateLimit();
    return { ok: false, error, rateLimit };
  }

  private user(key: string, isProtected: boolean): User {
    const followed = this.following.has(key);
    return {
      id: `id-${key}`,
      screenName: key,
      name: key,
      location: null,
      description: null,
      url: null,
      profileImageUrl: null,
      protected: isProtected,
      verified: false,
      followersCount: 0,
      friendsCount: 0,
      statusesCount: 0,
      favouritesCount: 0,
      createdAt: null,
      utcOffset: null,
      timeZone: null,
      following: this.showsRelationship ? followed && !isProtected : null,
      notifications: false,
      followRequestSent: this.showsRelationship ? followed && isProtected : null,
      latestStatus: null,
    };
  }
}

export const ACCOUNT: Account = {
  profile: 'twitter-v1',
  apiBase: 'http://127.0.0.1:1/1',
  format: 'json',
  credentials: { mode: 'basic', username: 'demo', password: 'secret' },
};

export function entries(names: readonly string[]) {
  return names.map((name, i) => ({ line: i + 1, input: `@${name}`, target: { form: 'screen_name' as const, value: name } }));
}

export function names(count: number, prefix = 'user'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}
