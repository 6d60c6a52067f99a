import { setTimeout as delay } from 'node:timers/promises';

/** Time as the queue sees it; tests pass a virtual clock so hours of waiting take no time. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
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
