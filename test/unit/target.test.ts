import { describe, expect, it } from 'vitest';
import { isSelf, parseTarget } from '../../core/target.js';

describe('parseTarget', () => {
  it('takes @name and bare names as screen names', () => {
    expect(parseTarget('@dougw')).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
    expect(parseTarget('  dougw ')).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
  });

  it('keeps an all-digits @name a screen name (spec §1: @101010)', () => {
    expect(parseTarget('@101010')).toEqual({ ok: true, target: { form: 'screen_name', value: '101010' } });
  });

  it('calls bare digits ambiguous until the caller chooses', () => {
    const parsed = parseTarget('101010');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.ambiguous).toBe(true);
      expect(parsed.error.kind).toBe('invalid_request');
    }
    expect(parseTarget('101010', { numericAs: 'user_id' })).toEqual({
      ok: true,
      target: { form: 'user_id', value: '101010' },
    });
    expect(parseTarget('101010', { numericAs: 'screen_name' })).toEqual({
      ok: true,
      target: { form: 'screen_name', value: '101010' },
    });
  });

  it('keeps 64-bit ids exact and refuses ids beyond 2^64 − 1', () => {
    expect(parseTarget('18446744073709551615', { numericAs: 'user_id' })).toEqual({
      ok: true,
      target: { form: 'user_id', value: '18446744073709551615' },
    });
    expect(parseTarget('18446744073709551616', { numericAs: 'user_id' }).ok).toBe(false);
    expect(parseTarget('0', { numericAs: 'user_id' }).ok).toBe(false);
  });

  it('reads profile URLs', () => {
    expect(parseTarget('https://twitter.com/dougw')).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
    expect(parseTarget('https://social.example/@alice/')).toEqual({
      ok: true,
      target: { form: 'screen_name', value: 'alice' },
    });
    expect(parseTarget('http://social.example/user/42?x=1#top')).toEqual({
      ok: true,
      target: { form: 'user_id', value: '42' },
    });
    expect(parseTarget('https://social.example/a/b').ok).toBe(false);
    expect(parseTarget('https://social.example/').ok).toBe(false);
    expect(parseTarget('ftp://social.example/alice').ok).toBe(false);
  });

  it('sends the id-in-path form only when asked', () => {
    expect(parseTarget('@bob', { idInPath: true })).toEqual({ ok: true, target: { form: 'id', value: 'bob' } });
  });

  it.each([
    ['', 'empty'],
    ['@', 'empty name'],
    ['a/b', 'path characters'],
    ['../etc', 'path traversal'],
    ['bob?x=1', 'query characters'],
    ['bob smith', 'spaces'],
    ['a%2Fb', 'percent'],
    ['x'.repeat(65), 'too long'],
    ['bob\u0000', 'control character'],
  ])('refuses %j (%s) with a typed invalid_request', (input) => {
    const parsed = parseTarget(input, { numericAs: 'user_id' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.kind).toBe('invalid_request');
      expect(parsed.error.message.length).toBeGreaterThan(10);
    }
  });

  it('accepts unicode names servers allow', () => {
    expect(parseTarget('@élodie_42').ok).toBe(true);
  });
});

describe('isSelf', () => {
  const self = { id: '42', screenName: 'Demo' };
  it('matches screen names case-insensitively and ids exactly', () => {
    expect(isSelf({ form: 'screen_name', value: 'demo' }, self)).toBe(true);
    expect(isSelf({ form: 'user_id', value: '42' }, self)).toBe(true);
    expect(isSelf({ form: 'user_id', value: '420' }, self)).toBe(false);
    expect(isSelf({ form: 'screen_name', value: '42' }, self)).toBe(false);
    expect(isSelf({ form: 'id', value: '42' }, self)).toBe(true);
    expect(isSelf({ form: 'id', value: 'DEMO' }, self)).toBe(true);
  });
  it('is false when the signed-in person is unknown', () => {
    expect(isSelf({ form: 'screen_name', value: 'demo' }, null)).toBe(false);
    expect(isSelf({ form: 'screen_name', value: 'demo' }, { id: null, screenName: null })).toBe(false);
  });
});

describe("GNU social's profile URLs and the account's server", () => {
  const server = 'http://social.example/index.php/api';

  it('reads /index.php/NAME, /index.php/user/ID and the /index.php/ forms of the other profile URLs', () => {
    expect(parseTarget('http://social.example/index.php/dougw', { server })).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
    expect(parseTarget('http://social.example/index.php/user/3', { server })).toEqual({ ok: true, target: { form: 'user_id', value: '3' } });
    expect(parseTarget('http://social.example/index.php/@dougw', { server })).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
    expect(parseTarget('http://social.example/index.php/dougw/', { server })).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
    expect(parseTarget('http://social.example/index.php/user/3/extra').ok).toBe(false);
  });

  it('refuses a profile URL on another host, naming both hosts', () => {
    const parsed = parseTarget('https://elsewhere.example/@dave', { server });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.kind).toBe('invalid_request');
      expect(parsed.error.message).toContain('elsewhere.example');
      expect(parsed.error.message).toContain('social.example');
    }
    expect(parseTarget('http://127.0.0.1:9/index.php/dave', { server: 'http://127.0.0.1:8/index.php/api' }).ok).toBe(false);
  });

  it("counts twitter.com, www., mobile. and x.com as api.twitter.com's site", () => {
    for (const url of ['https://twitter.com/dougw', 'https://www.twitter.com/dougw', 'https://mobile.twitter.com/dougw', 'https://x.com/dougw']) {
      expect(parseTarget(url, { server: 'https://api.twitter.com/1.1' })).toEqual({ ok: true, target: { form: 'screen_name', value: 'dougw' } });
    }
  });
});
