import type { Clock } from '../../core/bulk/clock.js';

/** Virtual time: a sleep moves it on at once and is kept in `slept`, so no test waits for real. */
export function virtualClock(start = Date.UTC(2026, 0, 1)): Clock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}
