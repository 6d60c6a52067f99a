import type { RateLimit } from '../types.js';
import type { Clock } from './clock.js';

/** After a refusal that names no reset time: v1's windows were an hour, a minute is a polite retry. */
const DEFAULT_RETRY_MS = 60_000;

type Answer = { ok: boolean; rateLimit: RateLimit | null } & ({ ok: true } | { ok: false; error: { kind: string } });

export interface ReadPacerOptions {
  clock: Clock;
  signal?: AbortSignal | undefined;
  /** Give up (return the refusal) rather than wait longer than this for a rate limit; null waits. */
  maxWaitMs?: number | null | undefined;
  /** Told when a wait for the rate limit starts, with the time it ends. */
  onWait?: ((until: number) => void) | undefined;
}

/**
 * Keeps a run of reads (GETs, which v1 rate-limited per hour) within the server's limit: when an
 * answer says nothing is left in the window, the next read waits for its reset; a read refused
 * for the rate limit is sent again after the reset. Waits go through the clock, so tests spend none.
 */
export class ReadPacer {
  private blockedUntil = 0;

  constructor(private readonly options: ReadPacerOptions) {}

  async read<T extends Answer>(request: () => Promise<T>): Promise<T> {
    for (;;) {
      await this.waitUntil(this.blockedUntil);
      const answer = await request();
      const resetAt = answer.rateLimit?.resetAt ? Date.parse(answer.rateLimit.resetAt) : Number.NaN;
      if (answer.ok || answer.error.kind !== 'rate_limited') {
        if (answer.rateLimit?.remaining === 0 && !Number.isNaN(resetAt)) this.blockedUntil = resetAt;
        return answer;
      }
      const now = this.options.clock.now();
      const until = Number.isNaN(resetAt) || resetAt <= now ? now + DEFAULT_RETRY_MS : resetAt;
      const maxWait = this.options.maxWaitMs ?? null;
      if ((maxWait !== null && until - now > maxWait) || this.options.signal?.aborted) return answer;
      this.blockedUntil = until;
    }
  }

  /** A wait longer than allowed is not made: the read goes out, and the server's refusal comes back. */
  private async waitUntil(until: number): Promise<void> {
    const now = this.options.clock.now();
    const maxWait = this.options.maxWaitMs ?? null;
    if (until <= now || this.options.signal?.aborted || (maxWait !== null && until - now > maxWait)) return;
    this.options.onWait?.(until);
    await this.options.clock.sleep(until - now, this.options.signal ?? new AbortController().signal);
  }
}
