import { describe, expect, it } from 'vitest';
import type { Clock } from '../../core/bulk/clock.js';
import { ReadPacer } from '../../core/bulk/read-pacer.js';
import { apiError } from '../../core/errors.js';
import type { RateLimit } from '../../core/types.js';
import { virtualClock } from '../support/virtual-clock.js';

const at = (clock: Clock, ms: number) => new Date(clock.now() + ms).toISOString();
const limit = (remaining: number, resetAt: string | null): RateLimit => ({ limit: 3, remaining, resetAt });
type Answer = { ok: true; rateLimit: RateLimit | null } | { ok: false; error: ReturnType<typeof apiError>; rateLimit: RateLimit | null };

describe('ReadPacer', () => {
  it('waits for the reset once the window is used up, before the next read', async () => {
    const clock = virtualClock();
    const waits: number[] = [];
    const pacer = new ReadPacer({ clock, onWait: (until) => waits.push(until) });
    const reset = at(clock, 90_000);
    await pacer.read(async (): Promise<Answer> => ({ ok: true, rateLimit: limit(0, reset) }));
    expect(clock.slept).toEqual([]);
    await pacer.read(async (): Promise<Answer> => ({ ok: true, rateLimit: limit(2, at(clock, 3_600_000)) }));
    expect(clock.slept).toEqual([90_000]);
    expect(waits).toEqual([Date.parse(reset)]);
  });

  it('sends a refused read again after the reset, or after a minute when the server names none', async () => {
    const clock = virtualClock();
    const pacer = new ReadPacer({ clock });
    const answers: Answer[] = [
      { ok: false, error: apiError('rate_limited', 'Rate limit exceeded.', 400), rateLimit: limit(0, at(clock, 30_000)) },
      { ok: false, error: apiError('rate_limited', 'Rate limit exceeded.', 429), rateLimit: null },
      { ok: true, rateLimit: null },
    ];
    const answer = await pacer.read(async () => answers.shift()!);
    expect(answer.ok).toBe(true);
    expect(clock.slept).toEqual([30_000, 60_000]);
  });

  it('gives the refusal back rather than wait longer than allowed, and other failures at once', async () => {
    const clock = virtualClock();
    const pacer = new ReadPacer({ clock, maxWaitMs: 10_000 });
    const refused = await pacer.read(async (): Promise<Answer> => ({
      ok: false,
      error: apiError('rate_limited', 'Rate limit exceeded.', 400),
      rateLimit: limit(0, at(clock, 30_000)),
    }));
    expect(refused.ok === false && refused.error.kind).toBe('rate_limited');
    // The window is spent for longer than allowed: the read goes out at once and its refusal comes back.
    await pacer.read(async (): Promise<Answer> => ({ ok: true, rateLimit: limit(0, at(clock, 30_000)) }));
    const spent = await pacer.read(async (): Promise<Answer> => ({ ok: false, error: apiError('rate_limited', 'Rate limit exceeded.', 400), rateLimit: limit(0, at(clock, 30_000)) }));
    expect(spent.ok === false && spent.error.kind).toBe('rate_limited');
    const down = await pacer.read(async (): Promise<Answer> => ({ ok: false, error: apiError('server_error', 'down', 503), rateLimit: null }));
    expect(down.ok === false && down.error.kind).toBe('server_error');
    expect(clock.slept).toEqual([]);
  });
});
