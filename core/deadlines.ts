import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';

/** How long a slot accepts new requests, as a share of their timeout, and at most. */
const SLOT_SHARE = 0.01;
const MAX_SLOT_MS = 100;
/**
 * The most requests one signal carries. fetch adds an abort listener per request that stays until
 * the request is collected, and lists them all for every new request (undici checks the count
 * against its warning limit): with 256 per signal the listing took 1.5 % of the CPU time of a run.
 * At 32 it is negligible, and the signal's own cost is still shared 32 ways.
 */
const MAX_SLOT_REQUESTS = 32;

/**
 * The longest timeout a deadline can keep: Node's timers wait at most 2^31 − 1 ms (and fire at once
 * beyond it), and a slot may add up to MAX_SLOT_MS.
 */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1 - MAX_SLOT_MS;

/** One request's share of a deadline: its signal fires once the request has had its full time. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Whether the signal fired because time ran out. */
  readonly expired: boolean;
  /** The request is over; call exactly once. */
  release(): void;
}

class Slot implements Deadline {
  readonly signal: AbortSignal;
  /** Requests ever taken. */
  taken = 0;
  /** Requests taken and not yet released. */
  private active = 0;
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly timeoutMs: number,
    readonly closesAt: number,
  ) {
    this.signal = this.controller.signal;
    // Above Node's default of 10 listeners it would warn of a leak; each request adds one.
    setMaxListeners(MAX_SLOT_REQUESTS * 2, this.signal);
  }

  /** Only the slot's own timer aborts its signal. */
  get expired(): boolean {
    return this.signal.aborted;
  }

  take(now: number): void {
    // The timer runs only while a request is out, and always ends one timeout after the slot
    // closes: later than any request that joined needs it to.
    if (this.active === 0) {
      this.timer = setTimeout(() => this.controller.abort(), this.closesAt + this.timeoutMs - now);
    }
    this.active += 1;
    this.taken += 1;
  }

  release(): void {
    this.active -= 1;
    if (this.active === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }
}

/**
 * Timeouts for many requests at the cost of few. The client's CPU time per follow is what bounds a
 * bulk run, and of what our layer adds to each follow, an AbortController and a timer of its own
 * were about a third (Node builds every signal slowly). Requests with the same timeout that start
 * within the same short slot (1 % of the timeout, at most 100 ms) share one signal, which fires
 * one timeout after the slot closes: every request gets at least its full time, and at most one
 * slot more. The timer runs only while one of them is out, so nothing keeps the process alive or
 * fires after they have all ended. When it fires for one late request, fetch ignores it for those
 * of the slot that already completed.
 */
export class Deadlines {
  private readonly current = new Map<number, Slot>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** How many slots are kept open for new requests; for tests and diagnostics. */
  get openSlots(): number {
    return this.current.size;
  }

  /** A deadline `timeoutMs` (at most MAX_TIMEOUT_MS) from now, shared with requests that start close to now. */
  start(timeoutMs: number): Deadline {
    const now = this.now();
    let slot = this.current.get(timeoutMs);
    if (slot === undefined || now >= slot.closesAt || slot.taken === MAX_SLOT_REQUESTS || slot.expired) {
      // A caller that varies its timeouts would otherwise leave one slot behind per value.
      for (const [key, old] of this.current) if (now >= old.closesAt) this.current.delete(key);
      slot = new Slot(timeoutMs, now + Math.min(timeoutMs * SLOT_SHARE, MAX_SLOT_MS));
      this.current.set(timeoutMs, slot);
    }
    slot.take(now);
    return slot;
  }
}
