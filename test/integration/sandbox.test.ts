import { connect } from 'node:net';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  HARD_CASES,
  passwordFor,
  SandboxOptionsError,
  startSandbox,
  type Sandbox,
} from '../../core/sandbox/server.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

interface CallOptions {
  method?: string;
  auth?: string | null;
  form?: Record<string, string>;
  body?: string;
  contentType?: string;
  userAgent?: string;
}

async function call(sandbox: Sandbox, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = {};
  const auth = options.auth === undefined ? basic(sandbox.demo.username, sandbox.demo.password) : options.auth;
  if (auth !== null) headers.Authorization = auth;
  if (options.userAgent) headers['User-Agent'] = options.userAgent;
  let body: string | undefined = options.body;
  if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  if (options.contentType) headers['Content-Type'] = options.contentType;
  const response = await fetch(`${sandbox.origin}${path}`, {
    method: options.method ?? (path.includes('/friendships/') ? 'POST' : 'GET'),
    headers,
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Sends raw bytes and returns the raw answer: for requests fetch refuses to make. */
function rawRequest(sandbox: Sandbox, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const url = new URL(sandbox.origin);
    const socket = connect(Number(url.port), url.hostname);
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
  });
}

const xml = new XMLParser({ parseTagValue: false, ignoreAttributes: false, trimValues: false });

type XmlUser = Record<string, unknown> & { status?: Record<string, unknown> };
const parseXmlUser = (text: string): XmlUser => (xml.parse(text) as { user: XmlUser }).user;
const parseJsonUser = (text: string) => JSON.parse(text) as Record<string, unknown> & { status?: Record<string, unknown> };

/** The element names of the spec §3 example, in its order. */
const SPEC_USER_ELEMENTS = [
  'id', 'name', 'screen_name', 'location', 'description', 'profile_image_url', 'url', 'protected',
  'followers_count', 'friends_count', 'created_at', 'favourites_count', 'utc_offset', 'time_zone',
  'statuses_count', 'notifications', 'verified', 'following',
];
const SPEC_STATUS_ELEMENTS = [
  'created_at', 'id', 'text', 'source', 'truncated', 'in_reply_to_status_id', 'in_reply_to_user_id',
  'favorited', 'in_reply_to_screen_name',
];

/** Direct child element names of the first `<tag>…</tag>` at the given indentation. */
function childElements(text: string, indent: string): string[] {
  return [...text.matchAll(new RegExp(`^${indent}<([a-z_]+)[ >]`, 'gm'))].map((m) => m[1]!);
}

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.reset();
  sandbox.setFaults({ latencyMs: 0, errorRate: 0, body: 'normal' });
  sandbox.setRateLimit(undefined);
});

describe('startSandbox', () => {
  it('listens on 127.0.0.1 and names its bases', () => {
    expect(sandbox.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.apiBase).toBe(`${sandbox.origin}/1`);
    expect(sandbox.oauthBase).toBe(`${sandbox.origin}/oauth`);
    expect(sandbox.demo.screenName).toBe('demo');
    expect(sandbox.demo.username).toBe('demo');
  });

  it('refuses options that cannot work with a typed error', async () => {
    await expect(startSandbox({ directorySize: -5 })).rejects.toBeInstanceOf(SandboxOptionsError);
    await expect(startSandbox({ port: 70000 })).rejects.toThrow(/port/);
    await expect(startSandbox({ rateLimit: { limit: -1, windowSeconds: 60 } })).rejects.toThrow(/rate limit/);
    await expect(startSandbox({ faults: { errorRate: 2 } })).rejects.toThrow(/faults/);
    expect(() => sandbox.setFaults({ body: 'weird' as never })).toThrow(SandboxOptionsError);
    expect(() => sandbox.setRateLimit({ limit: 1, windowSeconds: 0 })).toThrow(SandboxOptionsError);
  });

  it('closes promptly even with answers still delayed', async () => {
    const slow = await startSandbox({ faults: { latencyMs: 100_000 } });
    const pending = call(slow, '/1/account/verify_credentials.json');
    await expect.poll(() => slow.requests.length).toBe(1);
    const started = performance.now();
    await slow.close();
    // Far less than the delay, even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(30_000);
    await expect(pending).rejects.toThrow();
  });

  it('serves a landing page with the demo credentials', async () => {
    const page = await call(sandbox, '/', { auth: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`${sandbox.origin}/1`);
    expect(page.text).toContain(sandbox.demo.password);
  });
});

describe('friendships/create', () => {
  it('follows by id in the path and answers v1 XML shaped like the spec example', async () => {
    const answer = await call(sandbox, '/1/friendships/create/dougw.xml');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(answer.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<user>\n')).toBe(true);
    expect(XMLValidator.validate(answer.text)).toBe(true);
    const userElements = childElements(answer.text, '  ');
    expect(userElements.filter((n) => SPEC_USER_ELEMENTS.includes(n))).toEqual(SPEC_USER_ELEMENTS);
    expect(userElements.at(-1)).toBe('status');
    expect(childElements(answer.text, '    ')).toEqual(SPEC_STATUS_ELEMENTS);
    expect(answer.text).toContain('<time_zone>Eastern Time (US &amp; Canada)</time_zone>');
    expect(answer.text).toContain('<source>&lt;a href="http://www.tweetdeck.com/"&gt;TweetDeck&lt;/a&gt;</source>');
    expect(answer.text).toContain('<in_reply_to_status_id></in_reply_to_status_id>');
    const user = parseXmlUser(answer.text);
    expect(user).toMatchObject({
      id: '1401881',
      name: 'Doug Williams',
      screen_name: 'dougw',
      following: 'true',
      notifications: 'false',
      followers_count: '1036',
      created_at: 'Sun Mar 18 06:42:26 +0000 2007',
    });
    expect(user.status).toMatchObject({ id: '1472669360', created_at: 'Tue Apr 07 22:52:51 +0000 2009' });
    expect(sandbox.isFollowing('demo', 'dougw')).toEqual({ following: true, notifications: false, pending: false });
  });

  it('answers v1 JSON with ids as integer literals beside id_str', async () => {
    const answer = await call(sandbox, '/1/friendships/create/dougw.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(answer.text).toContain('"id":1401881,"id_str":"1401881"');
    const user = parseJsonUser(answer.text);
    expect(user).toMatchObject({ screen_name: 'dougw', following: true, url: 'http://www.igudo.com' });
    expect(user.status).toMatchObject({
      id_str: '1472669360',
      source: '<a href="http://www.tweetdeck.com/">TweetDeck</a>',
      in_reply_to_status_id: null,
      in_reply_to_user_id_str: null,
    });
  });

  const forms: { name: string; path: (fmt: string) => string; form?: Record<string, string> }[] = [
    { name: 'id in path', path: (fmt) => `/1/friendships/create/tenten.${fmt}` },
    { name: 'user_id in the query', path: (fmt) => `/1/friendships/create.${fmt}?user_id=101010` },
    { name: 'screen_name in the query', path: (fmt) => `/1/friendships/create.${fmt}?screen_name=TenTen` },
    { name: 'user_id in the form body', path: (fmt) => `/1/friendships/create.${fmt}`, form: { user_id: '101010' } },
    { name: 'screen_name in the form body', path: (fmt) => `/1/friendships/create.${fmt}`, form: { screen_name: 'tenten' } },
    { name: 'id parameter', path: (fmt) => `/1/friendships/create.${fmt}?id=tenten` },
  ];
  for (const form of forms) {
    for (const fmt of ['xml', 'json'] as const) {
      it(`follows with ${form.name} (${fmt})`, async () => {
        const answer = await call(sandbox, form.path(fmt), form.form ? { form: form.form } : {});
        expect(answer.status).toBe(200);
        const user = fmt === 'xml' ? parseXmlUser(answer.text) : parseJsonUser(answer.text);
        expect(String(user.screen_name)).toBe('tenten');
        expect(String(user.id)).toBe('101010');
        expect(sandbox.isFollowing('demo', 'tenten').following).toBe(true);
        const recorded = sandbox.requests.at(-1)!;
        expect(recorded.method).toBe('POST');
        expect(recorded.form).toEqual(form.form ?? {});
        expect(recorded.status).toBe(200);
      });
    }
  }

  it('reads an all-digits id as a user id when such a user exists, else as a screen name', async () => {
    const byId = parseJsonUser((await call(sandbox, '/1/friendships/create/101010.json')).text);
    expect(byId).toMatchObject({ screen_name: 'tenten', id_str: '101010' });
    const byName = parseJsonUser((await call(sandbox, '/1/friendships/create.json?screen_name=101010')).text);
    expect(byName).toMatchObject({ screen_name: '101010', id_str: '20202020' });
    expect(byName.id_str).not.toBe('101010');
    const numberLike = parseXmlUser((await call(sandbox, '/1/friendships/create/007.xml')).text);
    expect(numberLike).toMatchObject({ screen_name: '007', name: '007' });
  });

  it('writes an id above 2^53 exactly, in JSON and XML', async () => {
    const json = await call(sandbox, '/1/friendships/create.json?user_id=9007199254740993');
    expect(json.status).toBe(200);
    expect(json.text).toContain('"id":9007199254740993,"id_str":"9007199254740993"');
    expect(json.text).toContain('"id":9007199254740995,"id_str":"9007199254740995"');
    const shown = await call(sandbox, '/1/users/show.xml?user_id=9007199254740993');
    expect(shown.text).toContain('<id>9007199254740993</id>');
  });

  it('refuses a request without a target, and never as "follow yourself"', async () => {
    for (const fmt of ['xml', 'json']) {
      const answer = await call(sandbox, `/1/friendships/create.${fmt}`);
      expect(answer.status).toBe(400);
      expect(answer.text).toMatch(/id, user_id or screen_name/);
      expect(answer.text).not.toMatch(/yourself/);
    }
    expect((await call(sandbox, '/1/friendships/create.json?screen_name=')).status).toBe(400);
  });

  it('refuses to follow yourself with 403', async () => {
    for (const path of ['/1/friendships/create.json?screen_name=DEMO', `/1/friendships/create.json?user_id=${sandbox.demo.userId}`]) {
      const answer = await call(sandbox, path);
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toEqual({ request: '/1/friendships/create.json', error: "Could not follow user: You can't follow yourself." });
    }
  });

  it('turns notifications on whenever follow is present, and records it as sent', async () => {
    await call(sandbox, '/1/friendships/create/dougw.json?follow=true');
    expect(sandbox.isFollowing('demo', 'dougw').notifications).toBe(true);
    const asFalse = await call(sandbox, '/1/friendships/create/tenten.xml', { form: { follow: 'false' } });
    expect(parseXmlUser(asFalse.text).notifications).toBe('true');
    expect(sandbox.requests.at(-1)!.form).toEqual({ follow: 'false' });
    const without = await call(sandbox, '/1/friendships/create/bigid.json');
    expect(parseJsonUser(without.text).notifications).toBe(false);
    expect(sandbox.isFollowing('demo', 'bigid')).toEqual({ following: true, notifications: false, pending: false });
  });

  it('answers 403 with the v1 error body when already following', async () => {
    await call(sandbox, '/1/friendships/create/dougw.json');
    const asXml = await call(sandbox, '/1/friendships/create/dougw.xml');
    expect(asXml.status).toBe(403);
    expect(asXml.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n  <request>/1/friendships/create/dougw.xml</request>\n' +
        '  <error>Could not follow user: dougw is already on your list.</error>\n</hash>\n',
    );
    const asJson = await call(sandbox, '/1/friendships/create.json?user_id=1401881');
    expect(asJson.status).toBe(403);
    expect(JSON.parse(asJson.text)).toEqual({
      request: '/1/friendships/create.json',
      error: 'Could not follow user: dougw is already on your list.',
    });
  });

  it('sends a follow request to a protected account, withholding its status', async () => {
    const first = await call(sandbox, `/1/friendships/create/${HARD_CASES.protected}.json`);
    expect(first.status).toBe(200);
    const user = parseJsonUser(first.text);
    expect(user).toMatchObject({ protected: true, follow_request_sent: true, following: false });
    expect(user.status).toBeUndefined();
    expect(sandbox.isFollowing('demo', HARD_CASES.protected)).toEqual({ following: false, notifications: false, pending: true });
    const again = await call(sandbox, `/1/friendships/create/${HARD_CASES.protected}.xml`);
    expect(again.status).toBe(403);
    expect(again.text).toContain("<error>You've already requested to follow lockedbox.</error>");
  });

  it('refuses a suspended user with 403 and an unknown one with 404', async () => {
    const suspended = await call(sandbox, `/1/friendships/create/${HARD_CASES.suspended}.json`);
    expect(suspended.status).toBe(403);
    expect(JSON.parse(suspended.text).error).toMatch(/suspended/);
    const unknownXml = await call(sandbox, '/1/friendships/create/nobody_here.xml');
    expect(unknownXml.status).toBe(404);
    expect(xml.parse(unknownXml.text).hash).toMatchObject({ request: '/1/friendships/create/nobody_here.xml', error: 'Not found' });
    const unknownId = await call(sandbox, '/1/friendships/create.json?user_id=999');
    expect(unknownId.status).toBe(404);
    expect(JSON.parse(unknownId.text)).toMatchObject({ error: 'Not found' });
  });

  it('counts follow requests each target received, accepted or not', async () => {
    await call(sandbox, '/1/friendships/create/dougw.json');
    await call(sandbox, '/1/friendships/create/dougw.json');
    await call(sandbox, '/1/friendships/create/spammer.json');
    await call(sandbox, '/1/friendships/create/nobody_here.json');
    expect(sandbox.stats()).toEqual({ followRequests: { dougw: 2, spammer: 1 }, rateLimited: 0 });
  });

  it('lets any directory user follow with Basic and the documented password', async () => {
    const answer = await call(sandbox, '/1/friendships/create/dougw.json', { auth: basic('TenTen', passwordFor('tenten')) });
    expect(answer.status).toBe(200);
    expect(sandbox.isFollowing('tenten', 'dougw').following).toBe(true);
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
    expect(sandbox.requests.at(-1)!.screenName).toBe('tenten');
  });

  it('accepts UTF-8 in Basic credentials and refuses a wrong password', async () => {
    const wrong = await call(sandbox, '/1/friendships/create/dougw.json', { auth: basic('demo', 'sandbox-démo') });
    expect(wrong.status).toBe(401);
    const suspendedLogin = await call(sandbox, '/1/account/verify_credentials.json', {
      auth: basic('spammer', passwordFor('spammer')),
    });
    expect(suspendedLogin.status).toBe(401);
  });
});

describe('friendships/destroy', () => {
  it('unfollows in the three forms and refuses when not following', async () => {
    for (const path of ['/1/friendships/destroy/dougw.json', '/1/friendships/destroy.json?user_id=1401881', '/1/friendships/destroy.xml?screen_name=dougw']) {
      await call(sandbox, '/1/friendships/create/dougw.json');
      const answer = await call(sandbox, path);
      expect(answer.status).toBe(200);
      expect(answer.text).toMatch(/"following":false|<following>false<\/following>/);
      expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
    }
    const notFollowing = await call(sandbox, '/1/friendships/destroy/dougw.xml');
    expect(notFollowing.status).toBe(403);
    expect(notFollowing.text).toContain('<error>You are not friends with the specified user.</error>');
    expect((await call(sandbox, '/1/friendships/destroy/nobody_here.json')).status).toBe(404);
    expect((await call(sandbox, '/1/friendships/destroy.json')).status).toBe(400);
  });

  it('withdraws a pending follow request', async () => {
    await call(sandbox, '/1/friendships/create/lockedbox.json');
    expect((await call(sandbox, '/1/friendships/destroy/lockedbox.json')).status).toBe(200);
    expect(sandbox.isFollowing('demo', 'lockedbox').pending).toBe(false);
  });
});

describe('users/show', () => {
  it('shows a user by screen_name, user_id and id in the path', async () => {
    for (const [path, fmt] of [
      ['/1/users/show.json?screen_name=DougW', 'json'],
      ['/1/users/show.xml?user_id=1401881', 'xml'],
      ['/1/users/show/1401881.xml', 'xml'],
      ['/1/users/show/dougw.json', 'json'],
    ] as const) {
      const answer = await call(sandbox, path);
      expect(answer.status).toBe(200);
      const user = fmt === 'xml' ? parseXmlUser(answer.text) : parseJsonUser(answer.text);
      expect(String(user.screen_name)).toBe('dougw');
      expect(String(user.following)).toBe('false');
    }
    expect((await call(sandbox, '/1/users/show.json?screen_name=nobody_here')).status).toBe(404);
    expect((await call(sandbox, '/1/users/show/spammer.xml')).status).toBe(403);
  });

  it('shows a protected account without its status', async () => {
    const answer = await call(sandbox, '/1/users/show.xml?screen_name=lockedbox');
    expect(answer.status).toBe(200);
    expect(answer.text).not.toContain('<status>');
    expect(answer.text).toContain('<protected>true</protected>');
  });

  it('writes nulls as empty elements and a user without a status without one', async () => {
    const answer = await call(sandbox, `/1/users/show.xml?screen_name=${HARD_CASES.noStatus}`);
    expect(answer.text).toContain('<description></description>');
    expect(answer.text).not.toContain('<status>');
    expect(parseJsonUser((await call(sandbox, '/1/users/show/silent.json')).text)).toMatchObject({ description: null, url: null });
  });

  it('escapes HTML, entities and hostile sources in XML and keeps them as text in JSON', async () => {
    const asXml = await call(sandbox, `/1/users/show.xml?screen_name=${HARD_CASES.html}`);
    expect(XMLValidator.validate(asXml.text)).toBe(true);
    expect(asXml.text).not.toContain('<script>');
    expect(asXml.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp;amp; Jerry');
    const parsed = parseXmlUser(asXml.text);
    expect(parsed.description).toBe('<script>alert(1)</script> Tom &amp; Jerry, it&#8217;s "quoted" & <i>tagged</i>');
    const asJson = parseJsonUser((await call(sandbox, `/1/users/show.json?screen_name=${HARD_CASES.html}`)).text);
    expect(asJson.description).toBe(parsed.description);
    expect(asJson.status!.text).toBe('<img src=x onerror=alert(1)> R&amp;D said "hi" & \'bye\' </textarea>');
    const hostile = await call(sandbox, `/1/users/show.xml?screen_name=${HARD_CASES.hostileSource}`);
    expect(hostile.text).toContain('<source>&lt;a href="javascript:alert(1)" onclick="alert(2)"&gt;Evil&lt;script&gt;');
    expect(parseXmlUser(hostile.text).status!.source).toMatch(/^<a href="javascript:alert\(1\)"/);
  });

  it('nests a retweet with its original author', async () => {
    const asXml = parseXmlUser((await call(sandbox, `/1/users/show.xml?screen_name=${HARD_CASES.retweet}`)).text);
    const retweeted = asXml.status!.retweeted_status as Record<string, unknown> & { user: Record<string, unknown> };
    expect(retweeted).toMatchObject({ id: '1472669360' });
    expect(retweeted.user).toMatchObject({ screen_name: 'dougw', id: '1401881' });
    const asJson = parseJsonUser((await call(sandbox, `/1/users/show.json?screen_name=${HARD_CASES.retweet}`)).text);
    expect(asJson.status!.retweeted_status).toMatchObject({ id_str: '1472669360', user: { screen_name: 'dougw' } });
  });

  it('carries unicode, emoji and right-to-left names intact', async () => {
    for (const [name, expected] of [
      [HARD_CASES.arabic, 'مرحبا بالعالم'],
      [HARD_CASES.hebrew, 'שלום עולם'],
      [HARD_CASES.emoji, '🦜 Parrot Party 🎉👩‍👩‍👧'],
    ] as const) {
      expect(parseJsonUser((await call(sandbox, `/1/users/show.json?screen_name=${name}`)).text).name).toBe(expected);
      expect(parseXmlUser((await call(sandbox, `/1/users/show.xml?screen_name=${name}`)).text).name).toBe(expected);
    }
  });
});

describe('users/search', () => {
  it('matches screen names and names case-insensitively, exact match first', async () => {
    const answer = await call(sandbox, '/1/users/search.json?q=DougW');
    expect(answer.status).toBe(200);
    const users = JSON.parse(answer.text) as { screen_name: string }[];
    expect(users.map((u) => u.screen_name)).toEqual(['dougw', 'dougwfan']);
    const byName = JSON.parse((await call(sandbox, '/1/users/search.json?q=doug%20williams')).text) as { screen_name: string }[];
    expect(byName[0]!.screen_name).toBe('dougw');
    const one = JSON.parse((await call(sandbox, '/1/users/search.json?q=dougw&count=1')).text) as unknown[];
    expect(one).toHaveLength(1);
  });

  it('answers XML as <users type="array">, capped at 20, without suspended users', async () => {
    const answer = await call(sandbox, '/1/users/search.xml?q=a&count=500');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('<users type="array">');
    const users = (xml.parse(answer.text) as { users: { user: XmlUser[] } }).users.user;
    expect(users).toHaveLength(20);
    for (const u of users) {
      expect(`${String(u.screen_name)} ${String(u.name)}`.toLowerCase()).toContain('a');
    }
    expect(JSON.parse((await call(sandbox, '/1/users/search.json?q=spammer')).text)).toEqual([]);
    const empty = await call(sandbox, '/1/users/search.xml?q=zzzzqqq');
    expect(empty.text).toContain('<users type="array">');
    expect(JSON.parse((await call(sandbox, '/1/users/search.json?q=zzzzqqq')).text)).toEqual([]);
    expect((await call(sandbox, '/1/users/search.json')).status).toBe(400);
  });
});

describe('account/verify_credentials and authentication', () => {
  it('returns the signed-in user', async () => {
    const answer = await call(sandbox, '/1/account/verify_credentials.json');
    expect(answer.status).toBe(200);
    expect(parseJsonUser(answer.text)).toMatchObject({ screen_name: 'demo', id_str: sandbox.demo.userId });
    const other = await call(sandbox, '/1/account/verify_credentials.xml', { auth: basic('dougw', passwordFor('dougw')) });
    expect(parseXmlUser(other.text).screen_name).toBe('dougw');
  });

  it('answers 401 with a v1 body without valid credentials, and records which auth was tried', async () => {
    const none = await call(sandbox, '/1/account/verify_credentials.json', { auth: null, userAgent: 'Befriend/test' });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(JSON.parse(none.text)).toEqual({ request: '/1/account/verify_credentials.json', error: 'Could not authenticate you.' });
    expect(none.headers.get('x-ratelimit-limit')).toBeNull();
    const bad = await call(sandbox, '/1/account/verify_credentials.xml', { auth: basic('demo', 'nope') });
    expect(bad.status).toBe(401);
    expect(xml.parse(bad.text).hash.error).toBe('Could not authenticate you.');
    const bearer = await call(sandbox, '/1/account/verify_credentials.json', { auth: 'Bearer abc' });
    expect(bearer.status).toBe(401);
    const garbage = await call(sandbox, '/1/account/verify_credentials.json', { auth: 'Basic !!!' });
    expect(garbage.status).toBe(401);
    const [first, second, third] = sandbox.requests;
    expect(first).toMatchObject({ auth: 'none', authorizationPresent: false, userAgent: 'Befriend/test', status: 401, screenName: null });
    expect(second).toMatchObject({ auth: 'basic', authorizationPresent: true });
    expect(third).toMatchObject({ auth: 'none', authorizationPresent: true });
  });
});

describe('rate limits', () => {
  it('sends X-RateLimit headers per account and refuses past the limit with v1 400', async () => {
    let clock = Date.UTC(2009, 3, 8, 0, 0, 0);
    const limited = await startSandbox({ rateLimit: { limit: 3, windowSeconds: 3600 }, now: () => clock });
    try {
      const reset = String(Math.ceil(clock / 1000) + 3600);
      for (const remaining of ['2', '1', '0']) {
        const answer = await call(limited, '/1/account/verify_credentials.json');
        expect(answer.status).toBe(200);
        expect(answer.headers.get('x-ratelimit-limit')).toBe('3');
        expect(answer.headers.get('x-ratelimit-remaining')).toBe(remaining);
        expect(answer.headers.get('x-ratelimit-reset')).toBe(reset);
      }
      const over = await call(limited, '/1/friendships/create/dougw.json');
      expect(over.status).toBe(400);
      expect(JSON.parse(over.text)).toEqual({
        request: '/1/friendships/create/dougw.json',
        error: 'Rate limit exceeded. Clients may not make more than 3 requests per hour.',
      });
      expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.isFollowing('demo', 'dougw').following).toBe(false);
      const overXml = await call(limited, '/1/users/show/dougw.xml');
      expect(xml.parse(overXml.text).hash.error).toMatch(/^Rate limit exceeded/);
      expect(limited.stats().rateLimited).toBe(2);

      const someoneElse = await call(limited, '/1/account/verify_credentials.json', { auth: basic('dougw', passwordFor('dougw')) });
      expect(someoneElse.status).toBe(200);
      expect(someoneElse.headers.get('x-ratelimit-remaining')).toBe('2');

      clock += 3600 * 1000;
      const nextWindow = await call(limited, '/1/account/verify_credentials.json');
      expect(nextWindow.status).toBe(200);
      expect(nextWindow.headers.get('x-ratelimit-remaining')).toBe('2');
    } finally {
      await limited.close();
    }
  });

  it('can answer 429 instead, and sends a huge limit when unlimited', async () => {
    sandbox.setRateLimit({ limit: 1, windowSeconds: 60, exceededStatus: 429 });
    expect((await call(sandbox, '/1/account/verify_credentials.json')).status).toBe(200);
    const over = await call(sandbox, '/1/account/verify_credentials.xml');
    expect(over.status).toBe(429);
    expect(over.text).toContain('Clients may not make more than 1 requests per 60 seconds.');
    sandbox.setRateLimit(null);
    const unlimited = await call(sandbox, '/1/account/verify_credentials.json');
    expect(unlimited.status).toBe(200);
    expect(Number(unlimited.headers.get('x-ratelimit-limit'))).toBeGreaterThanOrEqual(1_000_000);
  });
});

describe('faults', () => {
  it('answers 503 with an HTML page at the configured share, exactly', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const failed = await call(sandbox, '/1/friendships/create/dougw.json');
    expect(failed.status).toBe(503);
    expect(failed.headers.get('content-type')).toMatch(/^text\/html/);
    expect(failed.text).toMatch(/<html>/);
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
    sandbox.reset();
    sandbox.setFaults({ errorRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call(sandbox, '/1/account/verify_credentials.json')).status);
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
  });

  it('delays answers by latencyMs', async () => {
    sandbox.setFaults({ latencyMs: 200 });
    const started = performance.now();
    expect((await call(sandbox, '/1/account/verify_credentials.json')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('mangles 2xx bodies only: truncated, oversized, malformed', async () => {
    const normal = (await call(sandbox, '/1/users/show/dougw.json')).text;
    sandbox.setFaults({ body: 'truncated' });
    const truncated = await call(sandbox, '/1/users/show/dougw.json');
    expect(truncated.status).toBe(200);
    expect(normal.startsWith(truncated.text)).toBe(true);
    expect(truncated.text.length).toBeLessThan(normal.length);
    expect(() => JSON.parse(truncated.text)).toThrow();
    const notFound = await call(sandbox, '/1/users/show/nobody_here.json');
    expect(JSON.parse(notFound.text)).toMatchObject({ error: 'Not found' });

    sandbox.setFaults({ body: 'oversized' });
    const oversized = await call(sandbox, '/1/users/show/dougw.xml');
    expect(Buffer.byteLength(oversized.text)).toBeGreaterThan(1024 * 1024);
    expect(Number(oversized.headers.get('content-length'))).toBeGreaterThan(1024 * 1024);

    sandbox.setFaults({ body: 'malformed' });
    const malformedJson = (await call(sandbox, '/1/users/show/dougw.json')).text;
    expect(() => JSON.parse(malformedJson)).toThrow();
    expect(XMLValidator.validate((await call(sandbox, '/1/users/show/dougw.xml')).text)).not.toBe(true);
    const malformedArray = (await call(sandbox, '/1/users/search.json?q=zzzzqqq')).text;
    expect(() => JSON.parse(malformedArray)).toThrow();
  });
});

describe('admin routes', () => {
  it('lists users, stats and requests without credentials', async () => {
    const users = JSON.parse((await call(sandbox, '/_sandbox/users', { auth: null })).text) as { id: string; screenName: string }[];
    expect(users).toHaveLength(240);
    expect(users).toContainEqual({ id: '9007199254740993', screenName: 'bigid' });
    await call(sandbox, '/1/friendships/create/dougw.json');
    await call(sandbox, '/1/friendships/create/dougw.json');
    const stats = JSON.parse((await call(sandbox, '/_sandbox/stats', { auth: null })).text);
    expect(stats).toEqual({ followRequests: { dougw: 2 }, rateLimited: 0 });
    const requests = JSON.parse((await call(sandbox, '/_sandbox/requests', { auth: null })).text) as { path: string; status: number }[];
    expect(requests.map((r) => [r.path, r.status])).toEqual([
      ['/1/friendships/create/dougw.json', 200],
      ['/1/friendships/create/dougw.json', 403],
    ]);
    expect(sandbox.requests).toHaveLength(2);
  });

  it('sets faults and rate limits, and refuses invalid bodies with a message', async () => {
    const set = await call(sandbox, '/_sandbox/faults', { method: 'POST', auth: null, body: JSON.stringify({ errorRate: 1 }), contentType: 'application/json' });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text)).toEqual({ latencyMs: 0, errorRate: 1, body: 'normal' });
    expect((await call(sandbox, '/1/account/verify_credentials.json')).status).toBe(503);
    for (const body of ['{"errorRate": 7}', '{"body":"weird"}', '{"unknown":1}', 'not json', '[]']) {
      const refused = await call(sandbox, '/_sandbox/faults', { method: 'POST', auth: null, body });
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.text).error).toEqual(expect.any(String));
    }
    sandbox.setFaults({ errorRate: 0 });
    const limit = await call(sandbox, '/_sandbox/rate-limit', { method: 'POST', auth: null, body: '{"limit":7,"windowSeconds":60}' });
    expect(limit.status).toBe(200);
    expect((await call(sandbox, '/1/account/verify_credentials.json')).headers.get('x-ratelimit-limit')).toBe('7');
    expect((await call(sandbox, '/_sandbox/rate-limit', { method: 'POST', auth: null, body: '{"limit":"x"}' })).status).toBe(400);
  });

  it('resets follows, requests, stats and rate windows', async () => {
    await call(sandbox, '/1/friendships/create/dougw.json');
    const reset = await call(sandbox, '/_sandbox/reset', { method: 'POST', auth: null });
    expect(reset.status).toBe(200);
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
    expect(sandbox.requests).toHaveLength(0);
    expect(sandbox.stats()).toEqual({ followRequests: {}, rateLimited: 0 });
    expect((await call(sandbox, '/1/friendships/create/dougw.json')).headers.get('x-ratelimit-remaining')).toBe('149');
  });

  it('answers unknown admin routes with 404 and wrong methods with 405', async () => {
    expect((await call(sandbox, '/_sandbox/nope', { auth: null })).status).toBe(404);
    expect((await call(sandbox, '/_sandbox/reset', { auth: null })).status).toBe(405);
    expect((await call(sandbox, '/_sandbox/users', { method: 'POST', auth: null })).status).toBe(405);
  });
});

describe('malformed requests', () => {
  it('answers bad percent-encoding with 400', async () => {
    expect((await call(sandbox, '/1/users/show.json?screen_name=%E0%A4%A')).status).toBe(400);
    expect((await call(sandbox, '/1/users/show/%ZZ.xml')).status).toBe(400);
    const badForm = await call(sandbox, '/1/friendships/create.json', { body: 'screen_name=%', contentType: 'application/x-www-form-urlencoded' });
    expect(badForm.status).toBe(400);
    expect(JSON.parse(badForm.text).error).toMatch(/percent-encoding/);
  });

  it('refuses bodies over 64 KiB with 413', async () => {
    const answer = await call(sandbox, '/1/friendships/create.json', { body: `screen_name=${'a'.repeat(70 * 1024)}`, contentType: 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(413);
    expect((await call(sandbox, '/_sandbox/faults', { method: 'POST', auth: null, body: 'x'.repeat(70 * 1024) })).status).toBe(413);
  });

  it('answers unknown routes, formats and methods with 4xx', async () => {
    expect((await call(sandbox, '/1/friendships/create/dougw.html')).status).toBe(404);
    expect((await call(sandbox, '/1/friendships/create/dougw')).status).toBe(404);
    expect((await call(sandbox, '/1/statuses/update.json', { method: 'POST' })).status).toBe(404);
    expect((await call(sandbox, '/1/account/verify_credentials/demo.json')).status).toBe(404);
    expect((await call(sandbox, '/nowhere')).status).toBe(404);
    expect((await call(sandbox, '/oauth/nowhere', { method: 'POST' })).status).toBe(404);
    const wrongMethod = await call(sandbox, '/1/friendships/create/dougw.xml', { method: 'GET' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await call(sandbox, '/1/users/show/dougw.json', { method: 'DELETE' })).status).toBe(405);
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
  });

  it('answers requests the HTTP parser rejects with a clean 4xx and keeps serving', async () => {
    expect(await rawRequest(sandbox, 'BREW /1/users/show.json HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(sandbox, 'this is not http\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 /);
    expect(await rawRequest(sandbox, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    expect((await call(sandbox, '/1/account/verify_credentials.json')).status).toBe(200);
  });
});
