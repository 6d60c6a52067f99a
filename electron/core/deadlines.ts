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
  expired = false;
  /** Requests taken and not yet released. */
  active = 0;
  /** Requests ever taken. */
  taken = 0;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly timeoutMs: number,
    readonly closesAt: number,
    slotMs: number,
    private readonly retire: (slot: Slot) => void,
  ) {
    this.signal = this.controller.signal;
    // Above Node's default of 10 listeners it would warn of a leak; each request adds one.
    setMaxListeners(MAX_SLOT_REQUESTS * 2, this.signal);
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort();
    }, timeoutMs + slotMs);
  }

  release(): void {
    this.active -= 1;
    if (this.active === 0) {
      clearTimeout(this.timer);
      this.retire(this);
    }
  }
}

/**
 * Timeouts for many requests at the cost of few. A follow's own CPU time is what bounds a bulk
 * run, and an AbortController and a timer of its own were a third of it (Node builds every signal
 * slowly). Requests with the same timeout that start within the same short slot (1 % of the
 * timeout, at most 100 ms) share one signal, which fires one slot after the first one's timeout:
 * every request gets at least its full time, and at most one slot more. A slot whose requests have
 * all ended is dropped with its timer, so nothing keeps the process alive or fires late.
 */
export class Deadlines {
  private readonly current = new Map<number, Slot>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** A deadline `timeoutMs` from now, shared with requests that start close to now. */
  start(timeoutMs: number): Deadline {
    const now = this.now();
    let slot = this.current.get(timeoutMs);
    if (slot === undefined || now >= slot.closesAt || slot.taken === MAX_SLOT_REQUESTS) {
      const slotMs = Math.min(timeoutMs * SLOT_SHARE, MAX_SLOT_MS);
      slot = new Slot(timeoutMs, now + slotMs, slotMs, (ended) => {
        if (this.current.get(ended.timeoutMs) === ended) this.current.delete(ended.timeoutMs);
      });
      this.current.set(timeoutMs, slot);
    }
    slot.active += 1;
    slot.taken += 1;
    return slot;
  }
}
