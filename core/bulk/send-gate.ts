import type { RateLimit } from '../types.js';

/**
 * When the next request may start: the pace the person set, the server's rate-limit window,
 * and any hold (a follow limit, a backoff). Pure bookkeeping over times it is given.
 */

export type WaitReason = 'rate_limit' | 'follow_limit' | 'backoff' | 'pace';

export interface GateReady {
  at: number;
  reason: WaitReason | null;
}

/** Without rate-limit headers to go by, one request per second (the default). */
export const DEFAULT_INTERVAL_MS = 1000;

type WindowKnowledge =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'window'; limit: number | null; remaining: number; resetAt: number; firstSeenAt: number };

export class SendGate {
  private window: WindowKnowledge = { kind: 'unknown' };
  private lastSendAt = Number.NEGATIVE_INFINITY;
  private hold: { until: number; reason: WaitReason } | null = null;
  /** Length of a window, learnt from two consecutive resets; for the ETA only. */
  private windowLength: number | null = null;

  private paceIntervalMs: number | null = null;

  constructor(pacePerMinute: number | null) {
    this.setPace(pacePerMinute);
  }

  setPace(perMinute: number | null): void {
    this.paceIntervalMs = perMinute === null ? null : 60_000 / perMinute;
  }

  /** Milliseconds between request starts, now. */
  interval(): number {
    if (this.paceIntervalMs !== null) return this.paceIntervalMs;
    return this.window.kind === 'none' ? DEFAULT_INTERVAL_MS : 0;
  }

  /** Takes in what a server answer said about its limits; answers that never arrived say nothing. */
  observe(rateLimit: RateLimit | null, now: number): void {
    const resetAt = rateLimit?.resetAt ? Date.parse(rateLimit.resetAt) : Number.NaN;
    if (rateLimit === null || rateLimit.remaining === null || Number.isNaN(resetAt)) {
      if (this.window.kind === 'unknown') this.window = { kind: 'none' };
      return;
    }
    const current = this.window;
    if (current.kind === 'window' && resetAt === current.resetAt) {
      current.remaining = Math.min(current.remaining, rateLimit.remaining);
      return;
    }
    if (current.kind === 'window' && resetAt < current.resetAt) return;
    if (current.kind === 'window' && resetAt > current.resetAt && current.resetAt <= now) {
      this.windowLength = resetAt - current.resetAt;
    }
    this.window = { kind: 'window', limit: rateLimit.limit, remaining: rateLimit.remaining, resetAt, firstSeenAt: now };
  }

  /** Holds every request until `until` (a follow limit, a backoff, a refusal for the rate limit). */
  holdUntil(until: number, reason: WaitReason): void {
    if (this.hold === null || until > this.hold.until) this.hold = { until, reason };
  }

  /** How many requests the server's window still allows beyond those in flight. */
  budget(now: number, inFlight: number): number {
    const w = this.window;
    if (w.kind === 'none') return Number.POSITIVE_INFINITY;
    // Until an answer tells us where the window stands, probe with one request at a time.
    if (w.kind === 'unknown' || now >= w.resetAt) return 1 - inFlight;
    return w.remaining - inFlight;
  }

  /**
   * When the next request may start, or null when it must wait for an answer in flight first
   * (the budget is spent, and only an answer can say more).
   */
  readyAt(now: number, inFlight: number): GateReady | null {
    let ready: GateReady = { at: now, reason: null };
    const later = (at: number, reason: WaitReason): void => {
      if (at > ready.at) ready = { at, reason };
    };
    if (this.hold !== null) {
      if (this.hold.until > now) later(this.hold.until, this.hold.reason);
      else this.hold = null;
    }
    if (this.budget(now, inFlight) <= 0) {
      const w = this.window;
      if (inFlight > 0) return null;
      if (w.kind === 'window') later(w.resetAt, 'rate_limit');
    }
    later(this.lastSendAt + this.interval(), 'pace');
    return ready;
  }

  /** How many requests may start together now: one at a time under a pace, else what the window and the workers allow. */
  batch(now: number, inFlight: number, concurrency: number): number {
    if (this.interval() > 0) return 1;
    return Math.max(1, Math.min(concurrency - inFlight, this.budget(now, inFlight)));
  }

  sent(now: number): void {
    this.lastSendAt = now;
  }

  /** A lower bound on the time `items` more requests need, from the pace and the window. */
  estimateMs(items: number, now: number): number {
    if (items <= 0) return 0;
    let estimate = items * this.interval();
    if (this.hold !== null && this.hold.until > now) estimate += this.hold.until - now;
    const w = this.window;
    if (w.kind === 'window' && w.limit !== null && w.limit > 0) {
      const remaining = now < w.resetAt ? w.remaining : w.limit;
      const beyond = items - remaining;
      if (beyond > 0) {
        const length = this.windowLength ?? Math.max(w.resetAt - w.firstSeenAt, 1000);
        const windows = Math.ceil(beyond / w.limit);
        estimate = Math.max(estimate, Math.max(0, w.resetAt - now) + (windows - 1) * length);
      }
    }
    return estimate;
  }

  current(): RateLimit | null {
    const w = this.window;
    if (w.kind !== 'window') return null;
    return { limit: w.limit, remaining: w.remaining, resetAt: new Date(w.resetAt).toISOString() };
  }
}
