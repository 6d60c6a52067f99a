import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { buildRequest, callUrl, parseBaseUrl, percentEncode, type ApiCall } from '../../core/follow-request.js';
import type { Target } from '../../core/target.js';
import type { Format } from '../../core/types.js';

const BASE = 'https://api.twitter.com/1';

const oauthAccount: Account = {
  profile: 'twitter-v1',
  apiBase: BASE,
  format: 'json',
  credentials: { mode: 'oauth', consumerKey: 'ck', consumerSecret: 'cs', token: 't', tokenSecret: 's' },
};

function basicAccount(apiBase: string, extra: Partial<Account> = {}): Account {
  return {
    profile: 'gnusocial',
    apiBase,
    format: 'xml',
    credentials: { mode: 'basic', username: 'alice', password: 'secret' },
    ...extra,
  };
}

function built(account: Account, call: ApiCall, format: Format = account.format) {
  const result = buildRequest(account, call, format);
  if (!result.ok) throw new Error(`refused: ${result.error.message}`);
  return result.request;
}

function refusal(account: Account, call: ApiCall, format: Format = account.format) {
  const result = buildRequest(account, call, format);
  if (result.ok) throw new Error(`sent: ${result.request.url}`);
  return result.error;
}

const follow = (target: Target, notify?: boolean): ApiCall => ({ endpoint: 'friendships/create', target, notify });

describe('friendships/create: the three forms (spec §1)', () => {
  it.each<[Target, Format, string]>([
    [{ form: 'id', value: 'dougw' }, 'xml', `${BASE}/friendships/create/dougw.xml`],
    [{ form: 'id', value: '1401881' }, 'json', `${BASE}/friendships/create/1401881.json`],
    [{ form: 'user_id', value: '1401881' }, 'xml', `${BASE}/friendships/create.xml?user_id=1401881`],
    [{ form: 'screen_name', value: 'dougw' }, 'json', `${BASE}/friendships/create.json?screen_name=dougw`],
  ])('%j as %s', (target, format, url) => {
    expect(callUrl(BASE, follow(target), format)).toBe(url);
  });

  it('an all-digit screen name stays a screen_name, distinct from the user_id of the same digits', () => {
    expect(callUrl(BASE, follow({ form: 'screen_name', value: '101010' }), 'json')).toBe(
      `${BASE}/friendships/create.json?screen_name=101010`,
    );
    expect(callUrl(BASE, follow({ form: 'user_id', value: '101010' }), 'json')).toBe(
      `${BASE}/friendships/create.json?user_id=101010`,
    );
  });

  it('sends follow=true only when notify is on, never follow=false', () => {
    const on = callUrl(BASE, follow({ form: 'screen_name', value: 'dougw' }, true), 'json');
    expect(on).toBe(`${BASE}/friendships/create.json?screen_name=dougw&follow=true`);
    expect(callUrl(BASE, follow({ form: 'id', value: 'dougw' }, true), 'xml')).toBe(
      `${BASE}/friendships/create/dougw.xml?follow=true`,
    );
    for (const notify of [false, undefined]) {
      const off = callUrl(BASE, follow({ form: 'screen_name', value: 'dougw' }, notify), 'json');
      expect(new URL(off).searchParams.has('follow')).toBe(false);
      expect(off).not.toContain('follow=');
    }
  });

  it('percent-encodes the value in path and query (RFC 3986), so it cannot add parameters or segments', () => {
    const weird = "a b&c=d/e?f#g+h'é";
    const inQuery = new URL(callUrl(BASE, follow({ form: 'screen_name', value: weird }), 'json'));
    expect([...inQuery.searchParams]).toEqual([['screen_name', weird]]);
    expect(inQuery.search).toBe("?screen_name=a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%27%C3%A9");
    const inPath = new URL(callUrl(BASE, follow({ form: 'id', value: weird }), 'xml'));
    expect(inPath.pathname).toBe('/1/friendships/create/a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%27%C3%A9.xml');
    expect(inPath.search).toBe('');
  });

  it('is a POST with an empty query-only request and Accept matching the format', () => {
    const json = built(oauthAccount, follow({ form: 'screen_name', value: 'dougw' }), 'json');
    expect(json).toMatchObject({ method: 'POST', format: 'json', accept: 'application/json' });
    const xml = built(oauthAccount, follow({ form: 'screen_name', value: 'dougw' }), 'xml');
    expect(xml).toMatchObject({ method: 'POST', format: 'xml', accept: 'application/xml' });
    expect(new URL(xml.url).pathname.endsWith('.xml')).toBe(true);
  });
});

describe('the other endpoints (spec §6)', () => {
  it('friendships/destroy takes the same three forms, by POST', () => {
    expect(callUrl(BASE, { endpoint: 'friendships/destroy', target: { form: 'id', value: 'dougw' } }, 'xml')).toBe(
      `${BASE}/friendships/destroy/dougw.xml`,
    );
    expect(callUrl(BASE, { endpoint: 'friendships/destroy', target: { form: 'user_id', value: '12' } }, 'json')).toBe(
      `${BASE}/friendships/destroy.json?user_id=12`,
    );
    expect(built(oauthAccount, { endpoint: 'friendships/destroy', target: { form: 'screen_name', value: 'x' } }).method).toBe(
      'POST',
    );
  });

  it('users/show by GET, with /users/show/{id} for the id form', () => {
    expect(callUrl(BASE, { endpoint: 'users/show', target: { form: 'screen_name', value: '101010' } }, 'json')).toBe(
      `${BASE}/users/show.json?screen_name=101010`,
    );
    expect(callUrl(BASE, { endpoint: 'users/show', target: { form: 'id', value: '1401881' } }, 'xml')).toBe(
      `${BASE}/users/show/1401881.xml`,
    );
    expect(built(oauthAccount, { endpoint: 'users/show', target: { form: 'user_id', value: '1' } }).method).toBe('GET');
  });

  it('users/search by GET with q and count', () => {
    expect(callUrl(BASE, { endpoint: 'users/search', query: 'doug w', count: 5 }, 'json')).toBe(
      `${BASE}/users/search.json?q=doug%20w&count=5`,
    );
    expect(built(oauthAccount, { endpoint: 'users/search', query: 'x', count: 20 }).method).toBe('GET');
  });

  it('account/verify_credentials by GET', () => {
    const request = built(oauthAccount, { endpoint: 'account/verify_credentials' }, 'xml');
    expect(request.method).toBe('GET');
    expect(request.url).toBe(`${BASE}/account/verify_credentials.xml`);
  });

  it('drops trailing slashes of the API root', () => {
    const request = built({ ...oauthAccount, apiBase: 'https://api.twitter.com/1//' }, { endpoint: 'account/verify_credentials' });
    expect(request.url).toBe(`${BASE}/account/verify_credentials.json`);
  });
});

describe('refused before sending (invalid_request, status null)', () => {
  const target: Target = { form: 'screen_name', value: 'dougw' };

  it.each(['api.twitter.com/1', '/1', 'ftp://api.twitter.com/1', 'https://user:pw@api.twitter.com/1', 'https://x.example/1?a=b', ''])(
    'an API root that is not an absolute http(s) URL: %j',
    (apiBase) => {
      expect(refusal({ ...oauthAccount, apiBase }, follow(target))).toMatchObject({
        kind: 'invalid_request',
        status: null,
        code: null,
      });
    },
  );

  it('a format the profile does not answer in', () => {
    const v11: Account = { ...oauthAccount, profile: 'twitter-v1.1', apiBase: 'https://api.twitter.com/1.1' };
    expect(refusal(v11, follow(target), 'xml').message).toContain('XML');
    expect(built(v11, follow(target), 'json').url).toBe(
      'https://api.twitter.com/1.1/friendships/create.json?screen_name=dougw',
    );
    expect(refusal(oauthAccount, follow(target), 'yaml' as Format).kind).toBe('invalid_request');
  });

  it('an auth mode the profile does not accept (v1.1 never took Basic)', () => {
    const v11Basic: Account = { ...basicAccount('https://api.twitter.com/1.1'), profile: 'twitter-v1.1', format: 'json' };
    expect(refusal(v11Basic, follow(target)).kind).toBe('invalid_request');
  });

  it('an unknown profile', () => {
    expect(refusal({ ...oauthAccount, profile: 'mastodon' as Account['profile'] }, follow(target)).kind).toBe(
      'invalid_request',
    );
  });

  it('Basic over plain http to a non-loopback host, unless the account allows it', () => {
    const error = refusal(basicAccount('http://social.example/api'), follow(target));
    expect(error.kind).toBe('invalid_request');
    expect(error.message).toContain('social.example');
    expect(built(basicAccount('http://social.example/api', { allowInsecureBasic: true }), follow(target)).url).toBe(
      'http://social.example/api/friendships/create.xml?screen_name=dougw',
    );
    expect(new URL(built(basicAccount('https://social.example/api'), follow(target)).url).protocol).toBe('https:');
  });

  it('Basic over http to loopback is fine', () => {
    expect(new URL(built(basicAccount('http://127.0.0.1:8080/api'), follow(target)).url).host).toBe('127.0.0.1:8080');
    expect(new URL(built(basicAccount('http://localhost:8080/api'), follow(target)).url).host).toBe('localhost:8080');
    expect(new URL(built(basicAccount('http://[::1]:8080/api'), follow(target)).url).host).toBe('[::1]:8080');
  });

  it('OAuth over plain http is not a password leak, so it is sent', () => {
    expect(new URL(built({ ...oauthAccount, apiBase: 'http://social.example/api' }, follow(target)).url).protocol).toBe('http:');
  });

  it('missing credentials', () => {
    expect(refusal(basicAccount('https://s.example/api', { credentials: { mode: 'basic', username: '', password: 'x' } }), follow(target)).kind).toBe('invalid_request');
    expect(
      refusal({ ...oauthAccount, credentials: { mode: 'oauth', consumerKey: 'ck', consumerSecret: 'cs', token: '', tokenSecret: '' } }, follow(target)).kind,
    ).toBe('invalid_request');
  });

  it('following or unfollowing the signed-in account itself, by name (any case) or id', () => {
    const me: Account = { ...oauthAccount, self: { id: '42', screenName: 'Alice' } };
    expect(refusal(me, follow({ form: 'screen_name', value: 'alice' })).message).toContain('yourself');
    expect(refusal(me, follow({ form: 'user_id', value: '42' })).kind).toBe('invalid_request');
    expect(refusal(me, follow({ form: 'id', value: 'ALICE' })).kind).toBe('invalid_request');
    expect(refusal(me, { endpoint: 'friendships/destroy', target: { form: 'id', value: '42' } }).message).toContain('unfollow');
    expect(new URL(built(me, follow({ form: 'screen_name', value: '42' })).url).search).toBe('?screen_name=42');
    expect(built(me, { endpoint: 'users/show', target: { form: 'screen_name', value: 'alice' } }).method).toBe('GET');
  });

  it('a call without a target, or with a user_id that is not digits', () => {
    expect(refusal(oauthAccount, follow({ form: 'screen_name', value: '' })).kind).toBe('invalid_request');
    expect(refusal(oauthAccount, follow({ form: 'id', value: '   ' })).kind).toBe('invalid_request');
    expect(refusal(oauthAccount, follow({ form: 'user_id', value: 'dougw' })).message).toContain('digits');
    expect(refusal(oauthAccount, follow({ form: 'name' as Target['form'], value: 'dougw' })).kind).toBe('invalid_request');
  });

  it('malformed data from outside (missing credentials, API root or target) is refused, not thrown', () => {
    const broken = { ...oauthAccount, credentials: undefined } as unknown as Account;
    expect(refusal(broken, follow({ form: 'screen_name', value: 'x' })).kind).toBe('invalid_request');
    expect(refusal({ ...oauthAccount, apiBase: undefined } as unknown as Account, follow({ form: 'screen_name', value: 'x' })).kind).toBe(
      'invalid_request',
    );
    expect(refusal(oauthAccount, { endpoint: 'friendships/create', target: null } as unknown as ApiCall).kind).toBe('invalid_request');
  });

  it('a search without words, or with a count below 1', () => {
    expect(refusal(oauthAccount, { endpoint: 'users/search', query: ' ', count: 20 }).kind).toBe('invalid_request');
    expect(refusal(oauthAccount, { endpoint: 'users/search', query: 'x', count: 0 }).kind).toBe('invalid_request');
    expect(refusal(oauthAccount, { endpoint: 'users/search', query: 'x', count: 2.5 }).kind).toBe('invalid_request');
  });
});

describe('helpers', () => {
  it('percentEncode keeps only unreserved characters', () => {
    expect(percentEncode("AZaz09-._~ !*'()+&=/é")).toBe('AZaz09-._~%20%21%2A%27%28%29%2B%26%3D%2F%C3%A9');
  });

  it('percentEncode agrees with encodeURIComponent plus the RFC 3986 extras, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const expected = encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
        expect(percentEncode(text)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a built URL is already in the form a URL parser writes it, for any base and target', () => {
    const bases = ['https://api.twitter.com/1', 'HTTPS://Social.Example:443/api/', 'http://127.0.0.1:8080/sub dir/api', 'https://bücher.example/api'];
    fc.assert(
      fc.property(
        fc.constantFrom(...bases),
        fc.constantFrom('screen_name', 'user_id', 'id') as fc.Arbitrary<Target['form']>,
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((v) => v.trim() !== ''),
        fc.boolean(),
        (apiBase, form, raw, notify) => {
          const value = form === 'user_id' ? String(raw.length) : raw;
          const result = buildRequest(basicAccount(apiBase, { allowInsecureBasic: true }), { endpoint: 'friendships/create', target: { form, value }, notify }, 'json');
          if (!result.ok) return;
          expect(new URL(result.request.url).href).toBe(result.request.url);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('parseBaseUrl normalizes scheme and host case', () => {
    const parsed = parseBaseUrl(' HTTPS://API.Twitter.com/1/ ', 'API address');
    expect(parsed).toMatchObject({ ok: true, base: 'https://api.twitter.com/1' });
  });
});
