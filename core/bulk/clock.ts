import { setTimeout as delay } from 'node:timers/promises';
import { MAX_TIMEOUT_MS } from '../transport.js';

/** Time as the queue sees it; tests pass a virtual clock so hours of waiting take no time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Sleeps `ms` in steps a timer can hold, so a wait of weeks is a wait of weeks, not a spin. */
export async function sleepInSteps(
  ms: number,
  signal: AbortSignal,
  timer: (ms: number, signal: AbortSignal) => Promise<unknown> = (step, abort) => delay(step, undefined, { signal: abort }),
  now: () => number = Date.now,
): Promise<void> {
  const end = now() + ms;
  for (let left = ms; left > 0 && !signal.aborted; left = end - now()) {
    await timer(Math.min(left, MAX_TIMEOUT_MS), signal).catch(() => undefined);
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepInSteps(ms, signal),
};

/** A sleep that can be cut short: the queue's loop waits on one until there is something to do. */
export class Alarm {
  private wakeUp: (() => void) | null = null;

  constructor(private readonly clock: Clock) {}

  /** Resolves after `ms` (null: only when woken) or at the next `wake()`, whichever comes first. */
  wait(ms: number | null): Promise<void> {
    const woken = new Promise<void>((resolve) => {
      this.wakeUp = resolve;
    });
    if (ms === null) return woken;
    const abort = new AbortController();
    return Promise.race([woken, this.clock.sleep(Math.max(0, ms), abort.signal)]).finally(() => abort.abort());
  }

  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = null;
    wakeUp?.();
  }
}
