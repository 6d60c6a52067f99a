import { describe, expect, it } from 'vitest';
import { readRateLimit } from '../../core/rate-limit.js';

describe('readRateLimit', () => {
  it('reads v1 X-RateLimit-* headers', () => {
    const headers = new Headers({ 'X-RateLimit-Limit': '150', 'X-RateLimit-Remaining': '149', 'X-RateLimit-Reset': '1239148800' });
    expect(readRateLimit(headers)).toEqual({ limit: 150, remaining: 149, resetAt: '2009-04-08T00:00:00.000Z' });
  });

  it('reads v1.1 x-rate-limit-* headers, in any case', () => {
    const headers = new Headers({ 'X-Rate-Limit-Limit': '15', 'x-rate-limit-remaining': '0', 'X-RATE-LIMIT-RESET': '1417380076' });
    expect(readRateLimit(headers)).toEqual({ limit: 15, remaining: 0, resetAt: '2014-11-30T20:41:16.000Z' });
  });

  it('is null when no rate-limit header is present', () => {
    expect(readRateLimit(new Headers({ 'content-type': 'application/json', 'x-transaction': '42' }))).toBeNull();
    expect(readRateLimit(new Headers())).toBeNull();
  });

  it('makes garbage values null fields', () => {
    const headers = new Headers({ 'x-rate-limit-limit': 'lots', 'x-rate-limit-remaining': '-1', 'x-rate-limit-reset': 'Tue, 31 Mar 1981' });
    expect(readRateLimit(headers)).toEqual({ limit: null, remaining: null, resetAt: null });
    expect(readRateLimit(new Headers({ 'x-rate-limit-reset': '99999999999999999999' }))).toEqual({ limit: null, remaining: null, resetAt: null });
    expect(readRateLimit(new Headers({ 'x-rate-limit-limit': '1.5' }))?.limit).toBeNull();
    for (const value of ['0x10', '1e3', '', ' ', '+5', '12 34', '\u00b2']) {
      expect(readRateLimit(new Headers({ 'x-rate-limit-limit': value, 'x-rate-limit-remaining': '1' }))?.limit, value).toBeNull();
    }
  });

  it('reads each field where it is present', () => {
    expect(readRateLimit(new Headers({ 'x-rate-limit-remaining': ' 7 ' }))).toEqual({ limit: null, remaining: 7, resetAt: null });
  });

  it("reads the server family's own names first and the other family's where those are missing", () => {
    const both = new Headers({ 'x-rate-limit-limit': '15', 'X-RateLimit-Limit': '150', 'X-RateLimit-Remaining': '149' });
    expect(readRateLimit(both, 'v1.1')).toEqual({ limit: 15, remaining: 149, resetAt: null });
    expect(readRateLimit(both, 'v1')).toEqual({ limit: 150, remaining: 149, resetAt: null });
    const v11Only = new Headers({ 'x-rate-limit-limit': '15', 'x-rate-limit-remaining': '3', 'x-rate-limit-reset': '1417380076' });
    expect(readRateLimit(v11Only, 'v1')).toEqual({ limit: 15, remaining: 3, resetAt: '2014-11-30T20:41:16.000Z' });
    expect(readRateLimit(new Headers(), 'v1')).toBeNull();
  });
});
