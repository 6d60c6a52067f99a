import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, isoFromEpochMs } from '../../../core/format/utc-calendar.js';

const MAX_MS = 8.64e15;

describe('utc-calendar', () => {
  it('writes every instant exactly as Date#toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_MS, max: MAX_MS }), (ms) => {
        expect(isoFromEpochMs(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('gets the edges right: the epoch, leap days, year boundaries, the ends of the range', () => {
    const edges = [
      0, -1, 1, MAX_MS, -MAX_MS, Date.UTC(2000, 1, 29), Date.UTC(1900, 2, 1) - 1, Date.UTC(2100, 1, 28, 23, 59, 59, 999),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), new Date('0000-01-01T00:00:00Z').getTime() - 1,
    ];
    for (const ms of edges) expect(isoFromEpochMs(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('has no ISO string outside the Date range or for a non-integer', () => {
    for (const ms of [MAX_MS + 1, -MAX_MS - 1, Number.NaN, Infinity, 1.5]) expect(isoFromEpochMs(ms)).toBeNull();
  });

  it('counts days for any year, 0–99 included (unlike Date.UTC)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -271_820, max: 275_759 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (year, month, day) => {
        const date = new Date(0);
        date.setUTCFullYear(year, month - 1, day);
        expect(daysFromCivil(year, month, day) * 86_400_000).toBe(date.getTime());
      }),
      { numRuns: 20_000 },
    );
  });
});
