import { describe, expect, it } from 'vitest';
import { handleAdmin, isLoopbackAddress } from '../../core/sandbox/admin-routes.js';
import {
  BIG_USER_ID,
  buildDirectory,
  DEMO_SCREEN_NAME,
  HARD_CASE_SCREEN_NAMES,
  HARD_CASES,
} from '../../core/sandbox/directory.js';
import { ErrorSpreader, mangleBody, OVERSIZED_BYTES } from '../../core/sandbox/faults.js';
import { JsonInteger, jsonId, writeJson } from '../../core/sandbox/json-writer.js';
import { parseFormPairs, percentEncode } from '../../core/sandbox/percent.js';
import { DEFAULT_RATE_LIMIT } from '../../core/sandbox/rate-window.js';
import { checkFaults, checkRateLimit, NO_FAULTS } from '../../core/sandbox/settings.js';
import { createState } from '../../core/sandbox/state.js';
import { escapeXml } from '../../core/sandbox/xml-writer.js';

const directory = buildDirectory();
const hard = (name: string) => {
  const user = directory.byScreenName(name);
  if (!user) throw new Error(`missing hard case ${name}`);
  return user;
};

describe('directory', () => {
  it('is the same every run, 240 users by default, with unique ids and screen names', () => {
    expect(directory.users).toHaveLength(240);
    expect(buildDirectory().users).toEqual(directory.users);
    expect(new Set(directory.users.map((u) => u.id)).size).toBe(240);
    expect(new Set(directory.users.map((u) => u.screenName.toLowerCase())).size).toBe(240);
    for (const user of directory.users) expect(user.id).toMatch(/^[1-9][0-9]*$/);
  });

  it('grows by extending, never reshuffling, and always keeps the hard cases', () => {
    const larger = buildDirectory(500);
    expect(larger.users).toHaveLength(500);
    expect(larger.users.slice(0, 240)).toEqual(directory.users);
    const tiny = buildDirectory(3);
    for (const name of [...HARD_CASE_SCREEN_NAMES, DEMO_SCREEN_NAME]) expect(tiny.byScreenName(name)).toBeDefined();
  });

  it('finds users by id and by screen name in any case', () => {
    expect(directory.byId('1401881')?.screenName).toBe('dougw');
    expect(directory.byScreenName('DOUGW')?.id).toBe('1401881');
    expect(directory.byId('0')).toBeUndefined();
    expect(directory.byScreenName('nobody_here')).toBeUndefined();
  });

  it('holds the spec example exactly', () => {
    expect(hard(HARD_CASES.example)).toMatchObject({
      id: '1401881',
      name: 'Doug Williams',
      location: 'San Francisco, CA',
      url: 'http://www.igudo.com',
      followersCount: 1036,
      friendsCount: 290,
      createdAt: 'Sun Mar 18 06:42:26 +0000 2007',
      utcOffset: -18000,
      timeZone: 'Eastern Time (US & Canada)',
      statusesCount: 3390,
      status: { id: '1472669360', source: '<a href="http://www.tweetdeck.com/">TweetDeck</a>' },
    });
  });

  it('holds the hard cases', () => {
    expect(hard(HARD_CASES.numericScreenName).id).not.toBe('101010');
    expect(hard(HARD_CASES.idIs101010).id).toBe('101010');
    expect(BigInt(hard(HARD_CASES.bigId).id)).toBe(BigInt(BIG_USER_ID));
    expect(BigInt(BIG_USER_ID)).toBeGreaterThan(2n ** 53n);
    expect(hard(HARD_CASES.protected).protected).toBe(true);
    expect(hard(HARD_CASES.suspended).suspended).toBe(true);
    expect(hard(HARD_CASES.noStatus).status).toBeNull();
    expect(hard(HARD_CASES.emoji).name).toMatch(/\p{Extended_Pictographic}/u);
    expect(hard(HARD_CASES.arabic).name).toMatch(/\p{Script=Arabic}/u);
    expect(hard(HARD_CASES.hebrew).name).toMatch(/\p{Script=Hebrew}/u);
    expect(hard(HARD_CASES.html).description).toContain('<script>alert(1)</script>');
    expect(hard(HARD_CASES.html).description).toContain('&amp;');
    expect(hard(HARD_CASES.html).status?.text).toContain('<img src=x onerror=alert(1)>');
    expect(hard(HARD_CASES.hostileSource).status?.source).toMatch(/javascript:.*<script>/);
    const retweet = hard(HARD_CASES.retweet).status?.retweeted;
    expect(retweet?.authorScreenName).toBe(HARD_CASES.example);
    expect(retweet?.status.id).toBe(hard(HARD_CASES.example).status?.id);
    expect(hard(HARD_CASES.numberLike)).toMatchObject({ screenName: '007', name: '007' });
    expect(hard(HARD_CASES.longDescription).description!.length).toBeGreaterThan(2000);
    expect(HARD_CASE_SCREEN_NAMES).toContain('101010');
  });

  it('searches case-insensitively, exact matches first, without suspended users', () => {
    expect(directory.search('DOUGW', 20).map((u) => u.screenName)).toEqual(['dougw', 'dougwfan']);
    expect(directory.search('שלום', 20).map((u) => u.screenName)).toEqual(['hebrewname']);
    expect(directory.search('spammer', 20)).toEqual([]);
    expect(directory.search('', 20)).toEqual([]);
    expect(directory.search('a', 5)).toHaveLength(5);
  });
});

describe('JSON writer', () => {
  it('writes ids from strings exactly', () => {
    expect(writeJson({ id: jsonId('9007199254740993'), id_str: '9007199254740993', none: jsonId(null) })).toBe(
      '{"id":9007199254740993,"id_str":"9007199254740993","none":null}',
    );
    expect(writeJson([1, true, 'a"b', null, { x: [] }])).toBe('[1,true,"a\\"b",null,{"x":[]}]');
  });

  it('refuses anything but an integer literal', () => {
    for (const bad of ['', '1e3', '01', '12a', '1.5', ' 1']) expect(() => new JsonInteger(bad)).toThrow(RangeError);
  });
});

describe('encoding helpers', () => {
  it('escapes XML text and replaces characters XML cannot carry', () => {
    expect(escapeXml('<a href="x">&\'</a>')).toBe('&lt;a href="x"&gt;&amp;\'&lt;/a&gt;');
    expect(escapeXml('a\u0000b\u0008c\uD800d')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('🐦')).toBe('🐦');
  });

  it('percent-encodes per RFC 3986 and reports bad form encoding', () => {
    expect(percentEncode("a b+c!*'()~-._é")).toBe('a%20b%2Bc%21%2A%27%28%29~-._%C3%A9');
    expect(parseFormPairs('a=1&b=x+y&c&d=%F0%9F%90%A6')).toEqual([['a', '1'], ['b', 'x y'], ['c', ''], ['d', '🐦']]);
    expect(parseFormPairs('a=%E0%A4%A')).toBeNull();
    expect(parseFormPairs('a=%zz')).toBeNull();
  });
});

describe('faults', () => {
  it('fails exactly the configured share of requests', () => {
    const spreader = new ErrorSpreader();
    const outcomes = Array.from({ length: 100 }, () => spreader.next(0.25));
    expect(outcomes.filter(Boolean)).toHaveLength(25);
    expect(Array.from({ length: 10 }, () => spreader.next(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 10 }, () => spreader.next(1)).every(Boolean)).toBe(true);
  });

  it('mangles bodies as documented', () => {
    const body = '{"id":1,"screen_name":"dougw"}';
    expect(mangleBody(body, 'json', 'normal')).toBe(body);
    expect(mangleBody(body, 'json', 'truncated')).toBe(body.slice(0, body.length / 2));
    const oversized = mangleBody(body, 'json', 'oversized');
    expect(Buffer.byteLength(oversized)).toBe(OVERSIZED_BYTES);
    expect(JSON.parse(oversized)).toEqual(JSON.parse(body));
    expect(() => JSON.parse(mangleBody(body, 'json', 'malformed'))).toThrow();
  });

  it('checks fault and rate-limit settings', () => {
    expect(checkFaults({ latencyMs: 5 })).toEqual({ ok: true, value: { latencyMs: 5 } });
    expect(checkFaults({ errorRate: -0.1 })).toMatchObject({ ok: false, message: expect.stringMatching(/errorRate/) });
    expect(checkFaults({ latencyMs: 'slow' })).toMatchObject({ ok: false });
    expect(checkFaults(null)).toMatchObject({ ok: false });
    expect(checkRateLimit(null)).toEqual({ ok: true, value: null });
    expect(checkRateLimit({ limit: 5, windowSeconds: 10 })).toEqual({ ok: true, value: { limit: 5, windowSeconds: 10, exceededStatus: 400 } });
    expect(checkRateLimit({ limit: 5, windowSeconds: 10, exceededStatus: 418 })).toMatchObject({ ok: false });
  });
});

describe('admin peer check', () => {
  it('answers only loopback peers', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) {
      expect(isLoopbackAddress(address)).toBe(true);
    }
    for (const address of [undefined, '', '10.0.0.1', '192.168.1.20', '::ffff:10.0.0.1', '::2', 'fe80::1', '128.0.0.1', 'localhost']) {
      expect(isLoopbackAddress(address)).toBe(false);
    }
  });

  it('refuses admin requests from other peers, before any route', () => {
    const state = createState({ directory, rateLimit: DEFAULT_RATE_LIMIT, faults: NO_FAULTS, now: Date.now, timestampWindowSeconds: 300 });
    const remote = handleAdmin(state, { method: 'POST', path: '/_sandbox/reset', remoteAddress: '192.168.1.20', body: '' });
    expect(remote.status).toBe(403);
    expect(JSON.parse(remote.body).error).toMatch(/loopback/);
    expect(handleAdmin(state, { method: 'GET', path: '/_sandbox/users', remoteAddress: '::1', body: '' }).status).toBe(200);
  });
});
