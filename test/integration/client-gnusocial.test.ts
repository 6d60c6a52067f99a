import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { createClient } from '../../core/client.js';
import { adviceFor } from '../../core/errors.js';
import { followOutcome } from '../../core/follow-outcome.js';
import { learnSelf } from '../../core/account-self.js';
import { BLOCKER_SCREEN_NAME } from '../../core/sandbox/gnusocial.js';
import { parseTarget } from '../../core/target.js';
import { DUPLICATE_WINDOW_MS } from '../../core/sandbox/personality.js';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import type { UserResult } from '../../core/types.js';

let sandbox: Sandbox;
let clock = Date.now();
// OAuth timestamps follow the sandbox's clock, which the duplicate-limit test moves on.
const client = createClient({ now: () => Math.floor(clock / 1000) });

beforeAll(async () => {
  sandbox = await startSandbox({ personality: 'gnusocial', now: () => clock });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

function account(auth: 'basic' | 'oauth' = 'basic', extra: Partial<Account> = {}): Account {
  const { demo } = sandbox;
  return {
    profile: 'gnusocial',
    apiBase: sandbox.apiBase,
    format: 'json',
    credentials:
      auth === 'basic'
        ? { mode: 'basic', username: demo.username, password: demo.password }
        : { mode: 'oauth', consumerKey: demo.consumerKey, consumerSecret: demo.consumerSecret, token: demo.token, tokenSecret: demo.tokenSecret },
    ...extra,
  };
}

function failure(result: UserResult) {
  if (result.ok) throw new Error(`expected a failure, got @${result.user.screenName}`);
  return result.error;
}

describe('the client against a GNU social server', () => {
  it.each(['json', 'xml'] as const)('calls a follow of a private stream a request, not a follow (%s)', async (format) => {
    const result = await client.follow(account('basic', { format }), { form: 'screen_name', value: HARD_CASES.protected });
    expect(result.ok && result.user.followRequestSent).toBe(null);
    expect(followOutcome(result)).toBe('request_pending');
    expect(sandbox.isFollowing('demo', HARD_CASES.protected)).toMatchObject({ following: false, pending: true });
    expect(followOutcome(await client.follow(account('basic', { format }), { form: 'screen_name', value: HARD_CASES.protected }))).toBe(
      'request_pending',
    );
  });

  it('calls a follow of an open account followed', async () => {
    expect(followOutcome(await client.follow(account(), { form: 'user_id', value: '1401881' }))).toBe('followed');
  });

  it("reads GNU social's 500s by their words: unknown path id is not_found, a block forbidden with the server's words", async () => {
    const unknown = failure(await client.follow(account(), { form: 'id', value: '999999999' }));
    expect(unknown).toMatchObject({ kind: 'not_found', status: 500, message: 'No result found on Profile lookup.' });
    const unknownName = failure(await client.follow(account(), { form: 'screen_name', value: 'nobody_here' }));
    expect(unknownName).toMatchObject({ kind: 'not_found', status: 500 });
    const blocked = failure(await client.follow(account(), { form: 'screen_name', value: BLOCKER_SCREEN_NAME }));
    expect(blocked).toMatchObject({ kind: 'forbidden', status: 500, message: 'User has blocked you.' });
  });

  it('calls an undo of a follow that is already gone "not following", a neutral state', async () => {
    const gone = failure(await client.unfollow(account(), { form: 'screen_name', value: 'dougw' }));
    expect(gone).toMatchObject({ kind: 'not_following', status: 500, message: 'Not subscribed!' });
    expect(adviceFor(gone)).toBe('You were not following this account; nothing changed.');
  });

  it('calls a follow right after an undo rate_limited with no reset time: "wait a minute and try again"', async () => {
    const dougw = { form: 'screen_name' as const, value: 'dougw' };
    await client.follow(account(), dougw);
    await client.unfollow(account(), dougw);
    const result = await client.follow(account(), dougw);
    const error = failure(result);
    expect(error).toMatchObject({ kind: 'rate_limited', status: 400 });
    expect(result.rateLimit?.resetAt ?? null).toBeNull();
    expect(adviceFor(error, result.rateLimit)).toBe('Too many requests: wait a minute and try again.');
    clock += DUPLICATE_WINDOW_MS;
    expect(followOutcome(await client.follow(account(), dougw))).toBe('followed');
  });

  it('says an HTML page means a wrong API address (the base without /api), never "no such account"', async () => {
    const wrongBase = account('basic', { apiBase: `${sandbox.origin}/index.php` });
    for (const result of [
      await client.follow(wrongBase, { form: 'screen_name', value: 'dougw' }),
      await client.verifyCredentials(wrongBase),
      await client.verifyCredentials({ ...wrongBase, format: 'xml' }),
    ]) {
      expect(failure(result)).toEqual({
        kind: 'bad_response',
        status: 404,
        code: null,
        message: `The server answered with a web page, not the API: check the API address, e.g. ${sandbox.origin}/index.php/api.`,
      });
    }
    expect(sandbox.isFollowing('demo', 'dougw').following).toBe(false);
  });

  it.each(['basic', 'oauth'] as const)('refuses a self-follow by name, id or profile URL before sending, once it knows who you are (%s)', async (auth) => {
    const learned = await learnSelf(client, account(auth));
    if (!learned.ok) throw new Error(learned.error.message);
    expect(learned.self).toEqual({ id: '1000001', screenName: 'demo' });
    const me = account(auth, { self: learned.self });
    const before = sandbox.requests.length;
    for (const typed of ['@Demo', `${sandbox.origin}/index.php/demo`, `${sandbox.origin}/index.php/user/1000001`]) {
      const parsed = parseTarget(typed, { server: me.apiBase });
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(failure(await client.follow(me, parsed.target))).toMatchObject({
        kind: 'invalid_request',
        message: 'That is the account you are signed in with: you cannot follow yourself.',
      });
    }
    expect(failure(await client.follow(me, { form: 'id', value: '1000001' })).kind).toBe('invalid_request');
    expect(sandbox.requests.length).toBe(before);
    // Without knowing, GNU social itself would have said "already following".
    expect(failure(await client.follow(account(auth), { form: 'user_id', value: '1000001' })).kind).toBe('already_following');
  });
});
