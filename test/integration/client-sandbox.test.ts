import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { createClient } from '../../core/client.js';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import type { Target, TargetForm } from '../../core/target.js';
import type { Format, UserResult } from '../../core/types.js';
import { USER_AGENT } from '../../core/version.js';

let sandbox: Sandbox;
let plainUsers: { id: string; screenName: string }[];
const client = createClient();

beforeAll(async () => {
  sandbox = await startSandbox();
  const listed = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { id: string; screenName: string }[];
  const hard = new Set<string>(Object.values(HARD_CASES));
  plainUsers = listed.filter((u) => !hard.has(u.screenName) && u.screenName !== sandbox.demo.screenName);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.reset();
  sandbox.setFaults({ latencyMs: 0, errorRate: 0, body: 'normal' });
  sandbox.setRateLimit({ limit: 150, windowSeconds: 3600 });
});

type Auth = 'basic' | 'oauth';

function account(auth: Auth, format: Format = 'json', extra: Partial<Account> = {}): Account {
  const { demo } = sandbox;
  return {
    profile: 'twitter-v1',
    apiBase: sandbox.apiBase,
    format,
    credentials:
      auth === 'basic'
        ? { mode: 'basic', username: demo.username, password: demo.password }
        : {
            mode: 'oauth',
            consumerKey: demo.consumerKey,
            consumerSecret: demo.consumerSecret,
            token: demo.token,
            tokenSecret: demo.tokenSecret,
          },
    ...extra,
  };
}

function expectOk(result: UserResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.error.kind}: ${result.error.message}`);
  return result;
}

function expectError(result: UserResult | { ok: boolean; error?: unknown }) {
  if (result.ok) throw new Error('expected a failure, got success');
  return result as Extract<UserResult, { ok: false }>;
}

function lastRequest() {
  const request = sandbox.requests.at(-1);
  if (!request) throw new Error('the sandbox recorded no request');
  return request;
}

describe('follow: every target form × format × auth mode', () => {
  type Case = { form: TargetForm; by: 'name' | 'id'; format: Format; auth: Auth };
  const cases: Case[] = [];
  for (const auth of ['basic', 'oauth'] as const) {
    for (const format of ['xml', 'json'] as const) {
      cases.push(
        { form: 'screen_name', by: 'name', format, auth },
        { form: 'user_id', by: 'id', format, auth },
        { form: 'id', by: 'name', format, auth },
        { form: 'id', by: 'id', format, auth },
      );
    }
  }

  it.each(cases.map((c, i) => [`${c.form} (${c.by}), ${c.format}, ${c.auth}`, c, i] as const))('%s', async (_name, c, i) => {
    const person = plainUsers[i]!;
    const value = c.by === 'name' ? person.screenName : person.id;
    const result = expectOk(await client.follow(account(c.auth, c.format), { form: c.form, value }));

    expect(result.user.screenName).toBe(person.screenName);
    expect(result.user.id).toBe(person.id);
    expect(result.rateLimit).toMatchObject({ limit: 150, remaining: 149 });
    expect(sandbox.isFollowing(sandbox.demo.screenName, person.screenName)).toEqual({
      following: true,
      notifications: false,
      pending: false,
    });

    expect(sandbox.requests).toHaveLength(1);
    const recorded = lastRequest();
    expect(recorded).toMatchObject({
      method: 'POST',
      auth: c.auth,
      userAgent: USER_AGENT,
      screenName: sandbox.demo.screenName,
      status: 200,
      form: {},
    });
    if (c.form === 'id') {
      expect(recorded.path).toBe(`/1/friendships/create/${value}.${c.format}`);
      expect(recorded.query).toEqual({});
    } else {
      expect(recorded.path).toBe(`/1/friendships/create.${c.format}`);
      expect(recorded.query).toEqual({ [c.form]: value });
    }
  });

  it('notify sends follow=true and turns notifications on; without it, no follow parameter at all', async () => {
    const [loud, quiet] = [plainUsers[20]!, plainUsers[21]!];
    expectOk(await client.follow(account('oauth'), { form: 'screen_name', value: loud.screenName }, { notify: true }));
    expect(lastRequest().query).toEqual({ screen_name: loud.screenName, follow: 'true' });
    expect(sandbox.isFollowing(sandbox.demo.screenName, loud.screenName).notifications).toBe(true);

    expectOk(await client.follow(account('basic', 'xml'), { form: 'id', value: quiet.screenName }, { notify: false }));
    expect(lastRequest().query).toEqual({});
    expect(sandbox.isFollowing(sandbox.demo.screenName, quiet.screenName)).toMatchObject({
      following: true,
      notifications: false,
    });
  });

  it('an all-digit screen name goes as screen_name; the same digits as user_id are someone else', async () => {
    const byName = expectOk(await client.follow(account('basic'), { form: 'screen_name', value: '101010' }));
    expect(byName.user.screenName).toBe(HARD_CASES.numericScreenName);
    expect(byName.user.id).not.toBe('101010');
    const byId = expectOk(await client.follow(account('oauth', 'xml'), { form: 'user_id', value: '101010' }));
    expect(byId.user.screenName).toBe(HARD_CASES.idIs101010);
    expect(sandbox.isFollowing(sandbox.demo.screenName, HARD_CASES.numericScreenName).following).toBe(true);
    expect(sandbox.isFollowing(sandbox.demo.screenName, HARD_CASES.idIs101010).following).toBe(true);
  });

  it('keeps an id above 2^53 exact, in both formats', async () => {
    for (const format of ['json', 'xml'] as const) {
      sandbox.reset();
      const result = expectOk(await client.follow(account('basic', format), { form: 'user_id', value: '9007199254740993' }));
      expect(result.user.id).toBe('9007199254740993');
    }
  });

  it('refuses to follow the signed-in account itself, sending nothing', async () => {
    const me = account('oauth', 'json', { self: { id: sandbox.demo.userId, screenName: sandbox.demo.screenName } });
    for (const target of [
      { form: 'screen_name', value: sandbox.demo.screenName.toUpperCase() },
      { form: 'user_id', value: sandbox.demo.userId },
      { form: 'id', value: sandbox.demo.screenName },
    ] as Target[]) {
      const error = expectError(await client.follow(me, target)).error;
      expect(error).toMatchObject({ kind: 'invalid_request', status: null });
    }
    expect(sandbox.requests).toHaveLength(0);
  });

  it('refuses a format the profile lacks, sending nothing', async () => {
    const v11: Account = { ...account('oauth'), profile: 'twitter-v1.1' };
    const result = await client.follow(v11, { form: 'screen_name', value: 'dougw' }, { format: 'xml' });
    expect(expectError(result).error.kind).toBe('invalid_request');
    expect(sandbox.requests).toHaveLength(0);
  });
});

describe('follow: every error kind the sandbox can produce', () => {
  const dougw: Target = { form: 'screen_name', value: HARD_CASES.example };

  it('already_following, with the rate limit of the failed answer', async () => {
    expectOk(await client.follow(account('basic'), dougw));
    const failed = expectError(await client.follow(account('basic', 'xml'), dougw));
    expect(failed.error).toMatchObject({ kind: 'already_following', status: 403 });
    expect(failed.error.message).toContain('already on your list');
    expect(failed.rateLimit).toMatchObject({ limit: 150, remaining: 148 });
  });

  it('request_pending: a protected account, asked twice', async () => {
    const locked: Target = { form: 'screen_name', value: HARD_CASES.protected };
    const first = expectOk(await client.follow(account('oauth'), locked));
    expect(first.user.followRequestSent).toBe(true);
    expect(first.user.latestStatus).toBeNull();
    expect(sandbox.isFollowing(sandbox.demo.screenName, HARD_CASES.protected)).toMatchObject({ pending: true, following: false });
    const second = expectError(await client.follow(account('oauth', 'xml'), locked));
    expect(second.error).toMatchObject({ kind: 'request_pending', status: 403 });
  });

  it('not_found, in both formats and for every form', async () => {
    for (const [format, target] of [
      ['json', { form: 'screen_name', value: 'nobody_here_at_all' }],
      ['xml', { form: 'user_id', value: '99999999999' }],
      ['json', { form: 'id', value: 'nobody_here_at_all' }],
    ] as [Format, Target][]) {
      const failed = expectError(await client.follow(account('basic', format), target));
      expect(failed.error).toMatchObject({ kind: 'not_found', status: 404 });
    }
  });

  it('unauthorized: a wrong password', async () => {
    const wrong = account('basic', 'xml', {
      credentials: { mode: 'basic', username: sandbox.demo.username, password: 'not-the-password' },
    });
    const failed = expectError(await client.follow(wrong, dougw));
    expect(failed.error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(lastRequest()).toMatchObject({ auth: 'basic', screenName: null, status: 401 });
    expect(sandbox.isFollowing(sandbox.demo.screenName, HARD_CASES.example).following).toBe(false);
  });

  it('unauthorized: a bad OAuth signature (wrong secret)', async () => {
    const base = account('oauth');
    const forged = account('oauth', 'json', {
      credentials: { ...(base.credentials as Extract<Account['credentials'], { mode: 'oauth' }>), tokenSecret: 'wrong' },
    });
    const failed = expectError(await client.follow(forged, dougw));
    expect(failed.error).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(lastRequest()).toMatchObject({ auth: 'oauth', screenName: null });
  });

  it('forbidden: a suspended account, with the server\'s message', async () => {
    const failed = expectError(await client.follow(account('basic'), { form: 'screen_name', value: HARD_CASES.suspended }));
    expect(failed.error).toMatchObject({ kind: 'forbidden', status: 403, message: 'User has been suspended.' });
  });

  it('rate_limited (v1: 400), with the reset time from the headers', async () => {
    sandbox.setRateLimit({ limit: 2, windowSeconds: 600 });
    expectOk(await client.follow(account('basic'), { form: 'screen_name', value: plainUsers[30]!.screenName }));
    expectOk(await client.follow(account('basic'), { form: 'screen_name', value: plainUsers[31]!.screenName }));
    const failed = expectError(await client.follow(account('basic'), { form: 'screen_name', value: plainUsers[32]!.screenName }));
    expect(failed.error).toMatchObject({ kind: 'rate_limited', status: 400 });
    expect(failed.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
    const resetAt = Date.parse(failed.rateLimit!.resetAt!);
    expect(resetAt).toBeGreaterThan(Date.now());
    expect(resetAt).toBeLessThanOrEqual(Date.now() + 601_000);
  });

  it('rate_limited (429)', async () => {
    sandbox.setRateLimit({ limit: 0, windowSeconds: 60, exceededStatus: 429 });
    const failed = expectError(await client.follow(account('oauth', 'xml'), dougw));
    expect(failed.error).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(failed.rateLimit?.resetAt).not.toBeNull();
  });

  it('server_error: the injected 503 page, never shown as HTML', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const failed = expectError(await client.follow(account('basic'), dougw));
    expect(failed.error).toMatchObject({ kind: 'server_error', status: 503 });
    expect(failed.error.message).not.toContain('<');
  });

  it.each([
    ['truncated', 'json'],
    ['truncated', 'xml'],
    ['malformed', 'json'],
    ['malformed', 'xml'],
    ['oversized', 'json'],
    ['oversized', 'xml'],
  ] as const)('bad_response: a %s %s body, with the real status', async (body, format) => {
    sandbox.setFaults({ body });
    const failed = expectError(await client.follow(account('basic', format), dougw));
    expect(failed.error).toMatchObject({ kind: 'bad_response', status: 200 });
    expect(failed.rateLimit).toMatchObject({ limit: 150 });
    if (body === 'oversized') expect(failed.error.message).toContain('too large');
  });

  it('timeout: the server is slower than the timeout', async () => {
    // The server's delay is far beyond what any machine needs to fire a 150 ms timeout.
    sandbox.setFaults({ latencyMs: 60_000 });
    const started = Date.now();
    const failed = expectError(await client.follow(account('oauth'), dougw, { timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(failed).toMatchObject({ error: { kind: 'timeout', status: null }, rateLimit: null });
    expect(failed.error.message).toContain(new URL(sandbox.apiBase).host);
  });

  it('the client-wide timeout applies too, and the caller may cancel', async () => {
    sandbox.setFaults({ latencyMs: 60_000 });
    const quick = createClient({ timeoutMs: 100 });
    expect(expectError(await quick.follow(account('basic'), dougw)).error.kind).toBe('timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const cancelled = expectError(await client.follow(account('basic'), dougw, { signal: controller.signal }));
    expect(cancelled.error).toMatchObject({ kind: 'network', message: 'The request was cancelled.' });
  });
});

describe('the other endpoints', () => {
  it('unfollow (friendships/destroy) in the three forms', async () => {
    const people = plainUsers.slice(40, 43);
    for (const person of people) expectOk(await client.follow(account('basic'), { form: 'screen_name', value: person.screenName }));
    const targets: Target[] = [
      { form: 'screen_name', value: people[0]!.screenName },
      { form: 'user_id', value: people[1]!.id },
      { form: 'id', value: people[2]!.screenName },
    ];
    for (const [i, target] of targets.entries()) {
      const format = i % 2 === 0 ? 'xml' : 'json';
      const result = expectOk(await client.unfollow(account('oauth', format), target));
      expect(result.user.screenName).toBe(people[i]!.screenName);
      expect(lastRequest()).toMatchObject({ method: 'POST', status: 200 });
      expect(lastRequest().path.startsWith('/1/friendships/destroy')).toBe(true);
      expect(sandbox.isFollowing(sandbox.demo.screenName, people[i]!.screenName).following).toBe(false);
    }
    const notFriends = expectError(await client.unfollow(account('basic'), targets[0]!));
    expect(notFriends.error).toMatchObject({ kind: 'not_following', status: 403 });
  });

  it('refuses to unfollow the signed-in account itself', async () => {
    const me = account('basic', 'json', { self: { id: sandbox.demo.userId, screenName: sandbox.demo.screenName } });
    expect(expectError(await client.unfollow(me, { form: 'user_id', value: sandbox.demo.userId })).error.kind).toBe('invalid_request');
    expect(sandbox.requests).toHaveLength(0);
  });

  it('show by GET: screen_name, user_id and /users/show/{id}', async () => {
    for (const [format, target, path] of [
      ['json', { form: 'screen_name', value: 'dougw' }, '/1/users/show.json'],
      ['xml', { form: 'user_id', value: '1401881' }, '/1/users/show.xml'],
      ['xml', { form: 'id', value: '1401881' }, '/1/users/show/1401881.xml'],
    ] as [Format, Target, string][]) {
      const result = expectOk(await client.show(account('oauth', format), target));
      expect(result.user).toMatchObject({ id: '1401881', screenName: 'dougw', name: 'Doug Williams', following: false });
      expect(result.user.latestStatus?.source).toEqual({ name: 'TweetDeck', url: 'http://www.tweetdeck.com/' });
      expect(lastRequest()).toMatchObject({ method: 'GET', path });
    }
    expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw').following).toBe(false);
    const me = account('basic', 'json', { self: { id: sandbox.demo.userId, screenName: sandbox.demo.screenName } });
    expect(expectOk(await client.show(me, { form: 'screen_name', value: sandbox.demo.screenName })).user.id).toBe(sandbox.demo.userId);
  });

  it('verify_credentials with Basic and OAuth, in both formats', async () => {
    for (const [auth, format] of [
      ['basic', 'xml'],
      ['oauth', 'json'],
    ] as [Auth, Format][]) {
      const result = expectOk(await client.verifyCredentials(account(auth, format)));
      expect(result.user).toMatchObject({ id: sandbox.demo.userId, screenName: sandbox.demo.screenName });
      expect(lastRequest()).toMatchObject({ method: 'GET', path: `/1/account/verify_credentials.${format}`, auth });
    }
    const wrong = account('basic', 'json', { credentials: { mode: 'basic', username: 'demo', password: 'nope' } });
    expect(expectError(await client.verifyCredentials(wrong)).error.kind).toBe('unauthorized');
  });

  it('search by users/search with q and count', async () => {
    for (const format of ['json', 'xml'] as const) {
      const result = await client.search(account('oauth', format), 'dougw', { count: 5 });
      if (!result.ok) throw new Error(result.error.message);
      expect(result.users.map((u) => u.screenName).slice(0, 2)).toEqual(['dougw', 'dougwfan']);
      expect(result.users.length).toBeLessThanOrEqual(5);
      expect(lastRequest()).toMatchObject({ method: 'GET', path: `/1/users/search.${format}`, query: { q: 'dougw', count: '5' } });
    }
    const none = await client.search(account('basic'), 'zzzz-no-such-person');
    expect(none).toMatchObject({ ok: true, users: [] });
  });

  it('search falls back to users/show where the account has no users/search', async () => {
    const gnu = account('basic', 'json', { hasUserSearch: false });
    const byName = await client.search(gnu, '@dougw');
    expect(byName.ok && byName.users.map((u) => u.id)).toEqual(['1401881']);
    expect(lastRequest()).toMatchObject({ path: '/1/users/show.json', query: { screen_name: 'dougw' } });
    const byId = await client.search(gnu, '101010');
    expect(byId.ok && byId.users.map((u) => u.screenName)).toEqual([HARD_CASES.idIs101010]);
    expect(lastRequest()).toMatchObject({ path: '/1/users/show.json', query: { user_id: '101010' } });
    const missing = await client.search(gnu, 'nobody_here_at_all');
    expect(missing).toMatchObject({ ok: true, users: [] });
    expect(missing.rateLimit).toMatchObject({ limit: 150 });
    expect(sandbox.requests.some((r) => r.path.includes('users/search'))).toBe(false);
  });
});

describe('the OAuth PIN flow, end to end', () => {
  const consumer = () => ({ key: sandbox.demo.consumerKey, secret: sandbox.demo.consumerSecret });

  it('request token → authorize page → PIN → access token → follow with the new tokens', async () => {
    const requested = await client.requestToken(sandbox.oauthBase, consumer());
    if (!requested.ok) throw new Error(requested.error.message);
    expect(requested.authorizeUrl).toBe(`${sandbox.oauthBase}/authorize?oauth_token=${encodeURIComponent(requested.token)}`);
    expect(lastRequest()).toMatchObject({ method: 'POST', path: '/oauth/request_token', auth: 'oauth', status: 200 });

    const page = await (await fetch(requested.authorizeUrl)).text();
    const pin = /id="oauth_pin">([^<]+)</.exec(page)?.[1];
    expect(pin).toBeTruthy();

    const wrongPin = await client.accessToken(sandbox.oauthBase, consumer(), requested, `${pin}9`);
    expect(wrongPin).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } });

    const access = await client.accessToken(sandbox.oauthBase, consumer(), requested, ` ${pin!} `);
    if (!access.ok) throw new Error(access.error.message);
    expect(access).toMatchObject({ userId: sandbox.demo.userId, screenName: sandbox.demo.screenName });
    expect(access.token).not.toBe(sandbox.demo.token);

    const fresh: Account = {
      ...account('oauth'),
      credentials: {
        mode: 'oauth',
        consumerKey: sandbox.demo.consumerKey,
        consumerSecret: sandbox.demo.consumerSecret,
        token: access.token,
        tokenSecret: access.tokenSecret,
      },
    };
    const followed = expectOk(await client.follow(fresh, { form: 'screen_name', value: 'dougw' }));
    expect(followed.user.screenName).toBe('dougw');
    expect(lastRequest()).toMatchObject({ auth: 'oauth', screenName: sandbox.demo.screenName, status: 200 });
    expect(sandbox.isFollowing(sandbox.demo.screenName, 'dougw').following).toBe(true);
  });

  it('a wrong consumer secret: unauthorized at request_token', async () => {
    const result = await client.requestToken(sandbox.oauthBase, { key: sandbox.demo.consumerKey, secret: 'wrong' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized', status: 401 } });
  });

  it('an unknown request token: unauthorized at access_token', async () => {
    const result = await client.accessToken(sandbox.oauthBase, consumer(), { token: 'made-up', tokenSecret: 'x' }, '1234');
    expect(result).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
  });

  it('bad input is refused before sending', async () => {
    expect(await client.requestToken('not a url', consumer())).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(await client.requestToken(sandbox.oauthBase, { key: '', secret: '' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
    expect(await client.accessToken(sandbox.oauthBase, consumer(), { token: 't', tokenSecret: 's' }, '  ')).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('server trouble on the token endpoints is typed too', async () => {
    sandbox.setFaults({ errorRate: 1 });
    expect(await client.requestToken(sandbox.oauthBase, consumer())).toMatchObject({
      ok: false,
      error: { kind: 'server_error', status: 503 },
    });
  });
});
