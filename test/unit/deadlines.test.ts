import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines, type Deadline } from '../../core/deadlines.js';

/** The deadlines read time from a clock the test moves, with the fake timers. */
function fakeTime(): { deadlines: Deadlines; advance(ms: number): void } {
  let now = 0;
  return {
    deadlines: new Deadlines(() => now),
    advance(ms) {
      now += ms;
      vi.advanceTimersByTime(ms);
    },
  };
}

/** What a request sees: whether its signal fired, and whether for its time running out. */
function seen(deadline: Deadline): { aborted: boolean; expired: boolean } {
  return { aborted: deadline.signal.aborted, expired: deadline.expired };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('deadlines shared by requests that start together', () => {
  it('requests starting within one slot (1 % of the timeout) share a signal; later ones get a new one', () => {
    const { deadlines, advance } = fakeTime();
    const first = deadlines.start(10_000);
    advance(99);
    const second = deadlines.start(10_000);
    advance(1);
    const third = deadlines.start(10_000);
    expect(second.signal).toBe(first.signal);
    expect(third.signal).not.toBe(first.signal);
  });

  it('a slot lasts at most 100 ms, whatever the timeout', () => {
    const { deadlines, advance } = fakeTime();
    const first = deadlines.start(600_000);
    advance(100);
    expect(deadlines.start(600_000).signal).not.toBe(first.signal);
  });

  it('different timeouts never share a signal', () => {
    const { deadlines } = fakeTime();
    expect(deadlines.start(1_000).signal).not.toBe(deadlines.start(2_000).signal);
  });

  it('a slot carries at most 32 requests, so listeners on one signal stay few', () => {
    const { deadlines } = fakeTime();
    const taken = Array.from({ length: 33 }, () => deadlines.start(10_000));
    expect(new Set(taken.slice(0, 32).map((d) => d.signal)).size).toBe(1);
    expect(taken[32]!.signal).not.toBe(taken[0]!.signal);
  });

  it('fires one slot after the first request of the slot is due: every request gets at least its time', () => {
    const { deadlines, advance } = fakeTime();
    const first = deadlines.start(10_000);
    advance(99);
    const last = deadlines.start(10_000);
    advance(10_000 - 99);
    expect(first.signal.aborted).toBe(false);
    advance(99);
    expect(last.signal.aborted).toBe(false);
    advance(1);
    expect(last.signal.aborted).toBe(true);
    expect(first.expired).toBe(true);
    expect(last.expired).toBe(true);
  });

  it('aborts the requests still running when it fires, not because one of them ended', () => {
    const { deadlines, advance } = fakeTime();
    const done = deadlines.start(1_000);
    const running = deadlines.start(1_000);
    done.release();
    expect(seen(running)).toEqual({ aborted: false, expired: false });
    advance(1_010);
    expect(seen(running)).toEqual({ aborted: true, expired: true });
  });

  it('once every request of a slot has ended, its timer is gone: nothing fires late or keeps the process up', () => {
    const { deadlines, advance } = fakeTime();
    const a = deadlines.start(1_000);
    const b = deadlines.start(1_000);
    a.release();
    b.release();
    expect(vi.getTimerCount()).toBe(0);
    advance(5_000);
    expect(seen(a)).toEqual({ aborted: false, expired: false });
  });

  it('a slot whose requests have all ended is reused within its time, and the next request still gets its full time', () => {
    const { deadlines, advance } = fakeTime();
    const ended = deadlines.start(1_000);
    advance(2);
    ended.release();
    advance(3);
    const next = deadlines.start(1_000);
    expect(next.signal).toBe(ended.signal);
    expect(vi.getTimerCount()).toBe(1);
    advance(1_004);
    expect(next.signal.aborted).toBe(false);
    advance(1);
    expect(seen(next)).toEqual({ aborted: true, expired: true });
  });

  it('a signal that has fired is never handed out again', () => {
    let now = 0;
    const deadlines = new Deadlines(() => now);
    const late = deadlines.start(1_000);
    // Timers may run a little ahead of the clock the slots are read from.
    vi.advanceTimersByTime(1_010);
    expect(late.signal.aborted).toBe(true);
    now = 5;
    expect(deadlines.start(1_000).signal.aborted).toBe(false);
  });

  it('an old slot ending does not drop the current one', () => {
    const { deadlines, advance } = fakeTime();
    const old = deadlines.start(1_000);
    advance(10);
    const current = deadlines.start(1_000);
    old.release();
    expect(deadlines.start(1_000).signal).toBe(current.signal);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('slots for timeouts no longer in use are let go once they close', () => {
    const { deadlines, advance } = fakeTime();
    for (let timeoutMs = 1_000; timeoutMs < 1_100; timeoutMs += 1) {
      deadlines.start(timeoutMs).release();
      advance(11);
    }
    expect(deadlines.openSlots).toBe(1);
  });
});
