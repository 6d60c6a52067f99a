import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../core/format/parse-date.js';

describe('parseDate', () => {
  it("reads Twitter's format with its offset", () => {
    expect(parseDate('Sun Mar 18 06:42:26 +0000 2007')).toBe('2007-03-18T06:42:26.000Z');
    expect(parseDate('Tue Apr 07 22:52:51 -0500 2009')).toBe('2009-04-08T03:52:51.000Z');
    expect(parseDate('  thu oct 23 20:48:33 +0530 2008 ')).toBe('2008-10-23T15:18:33.000Z');
  });

  it('reads RFC 2822, with numeric or named zones and short years', () => {
    expect(parseDate('Sun, 18 Mar 2007 06:42:26 +0000')).toBe('2007-03-18T06:42:26.000Z');
    expect(parseDate('18 Mar 2007 06:42 GMT')).toBe('2007-03-18T06:42:00.000Z');
    expect(parseDate('Sun, 18 Mar 2007 01:42:26 EST')).toBe('2007-03-18T06:42:26.000Z');
    expect(parseDate('Sun, 18 Mar 07 06:42:26 +0100')).toBe('2007-03-18T05:42:26.000Z');
    expect(parseDate('Sun, 18 Mar 99 06:42:26 +0000')).toBe('1999-03-18T06:42:26.000Z');
  });

  it('reads ISO 8601 with a zone', () => {
    expect(parseDate('2007-03-18T06:42:26Z')).toBe('2007-03-18T06:42:26.000Z');
    expect(parseDate('2007-03-18T06:42:26.123456+02:00')).toBe('2007-03-18T04:42:26.123Z');
    expect(parseDate('2007-03-18 06:42:26 -0130')).toBe('2007-03-18T08:12:26.000Z');
    expect(parseDate('2007-03-18T06:42+05')).toBe('2007-03-18T01:42:00.000Z');
    // Years below 100 are years, not 1900–1999 as Date.UTC would have them.
    expect(parseDate('0099-03-18T06:42:26Z')).toBe('0099-03-18T06:42:26.000Z');
    expect(parseDate('0000-01-01T00:30:00+01:00')).toBe('-000001-12-31T23:30:00.000Z');
  });

  it('answers null for dates without a zone, impossible dates and anything else', () => {
    for (const text of [
      '',
      '1',
      'yesterday',
      '2007-03-18',
      '2007-03-18T06:42:26',
      'Sun Feb 30 06:42:26 +0000 2007',
      'Sun Foo 18 06:42:26 +0000 2007',
      'Sun Mar 18 24:00:00 +0000 2007',
      'Sun Mar 18 06:60:00 +0000 2007',
      'Sun Mar 18 06:42:26 +2400 2007',
      'Sun, 18 Mar 2007 06:42:26 XYZ',
      '2007-13-01T00:00:00Z',
      '2007-02-29T00:00:00Z',
      '1173400946',
    ]) {
      expect(parseDate(text), text).toBeNull();
    }
  });

  it('accepts the leap day of a leap year', () => {
    expect(parseDate('2008-02-29T00:00:00Z')).toBe('2008-02-29T00:00:00.000Z');
  });
});

describe('parseDate: any instant', () => {
  const pad = (n: number) => String(n).padStart(2, '0');

  it('agrees with Date for every valid date, in any zone', () => {
    const valid = fc.record({
      ms: fc.integer({ min: Date.UTC(1000, 0, 2), max: Date.UTC(9999, 11, 30) }),
      offset: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
    });
    const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(valid, ({ ms, offset }) => {
        const instant = Math.floor(ms / 1000) * 1000;
        const local = new Date(instant + offset * 60_000);
        const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
        const text =
          `${names[local.getUTCDay()]} ${months[local.getUTCMonth()]} ${pad(local.getUTCDate())} ` +
          `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${zone} ${local.getUTCFullYear()}`;
        expect(parseDate(text), text).toBe(new Date(instant).toISOString());
      }),
      { numRuns: 5000 },
    );
  });
});
