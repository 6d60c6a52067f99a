import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { createClient } from '../../core/client.js';
import { followOutcome } from '../../core/follow-outcome.js';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import type { UserResult } from '../../core/types.js';

let sandbox: Sandbox;
let clock = Date.UTC(2026, 0, 1);
const client = createClient();

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
});
