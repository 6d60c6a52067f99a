import { describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { systemClock } from '../../core/bulk/clock.js';
import { copyEntries, planCopy, type CopyPlanOptions } from '../../core/bulk/copy-follows.js';
import { ReadPacer } from '../../core/bulk/read-pacer.js';
import { readFriendIds } from '../../core/bulk/read-follows.js';
import { apiError } from '../../core/errors.js';
import { parseIdsPage, parseUsersPage } from '../../core/format/parse-graph-body.js';
import { profileFromHistory } from '../../core/history-entry.js';
import type { User } from '../../core/types.js';

/** Someone known by id and screen name alone: all that matching follows across servers reads. */
function user(id: string, screenName: string): User {
  return profileFromHistory({ id, screenName, name: null, profileImageUrl: null, protected: null });
}

const from: Account = { profile: 'custom', apiBase: 'https://a.example/api', format: 'json', credentials: { mode: 'basic', username: 'me', password: 'p' } };
const to: Account = { ...from, apiBase: 'https://b.example/api' };

/** Source a.example follows Ann, Bob and bob (its names are case-sensitive); b.example has "BOB" once and two "cat"s. */
function fakeClient(): CopyPlanOptions['client'] {
  const sourceUsers = [user('1', 'Ann'), user('2', 'Bob'), user('3', 'bob'), user('4', 'cat'), user('5', 'dan')];
  const destination = [user('91', 'ann'), user('92', 'BOB'), user('93', 'cat'), user('94', 'Cat')];
  return {
    verifyCredentials: async (account) => ({ ok: true, user: user(account === to ? '90' : '0', 'me'), rateLimit: null }),
    friendIdsPage: async (account) => ({ ok: true, ids: account === from ? sourceUsers.map((u) => u.id) : [], nextCursor: '0', rateLimit: null }),
    friendsPage: async () => ({ ok: false, error: apiError('not_found', 'no'), rateLimit: null }),
    lookupUsers: async (account, lookup) => {
      const pool = account === from ? sourceUsers : destination;
      const wanted = new Set(lookup.values.map((v) => v.toLowerCase()));
      const users = pool.filter((u) => wanted.has(lookup.by === 'user_id' ? u.id : u.screenName.toLowerCase()));
      return { ok: true, users, rateLimit: null };
    },
    show: async () => ({ ok: false, error: apiError('not_found', 'no'), rateLimit: null }),
  };
}

describe('planCopy on another server', () => {
  it('lists names that could mean two people as ambiguous, and never guesses the missing', async () => {
    const planned = await planCopy({ client: fakeClient(), from, to });
    if (!planned.ok) throw new Error(planned.error.message);
    const { plan } = planned;
    expect(plan.toFollow.map((m) => [m.source.screenName, m.target.id, m.byName])).toEqual([['Ann', '91', true]]);
    expect(plan.ambiguous.map((a) => [a.source.screenName, a.candidates.map((c) => c.id)])).toEqual([
      ['Bob', ['92']],
      ['bob', ['92']],
      ['cat', ['93', '94']],
    ]);
    expect(plan.notFound.map((p) => p.screenName)).toEqual(['dan']);
    expect(copyEntries(plan)).toEqual([{ line: 1, input: '@Ann', target: { form: 'user_id', value: '91' } }]);
  });
});

describe('reading a GNU social account', () => {
  it('reads every page by number when the server ignores cursors, whatever the size of its first page', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => String(i + 1));
    const asked: unknown[] = [];
    const client = {
      ...fakeClient(),
      // A bare list: the first, cursored ask gets 3 (the server's own default); pages hold 5.
      friendIdsPage: async (_account: Account, at: { cursor: string } | { page: number }) => {
        asked.push(at);
        const page = 'page' in at ? ids.slice((at.page - 1) * 5, at.page * 5) : ids.slice(0, 3);
        return { ok: true as const, ids: page, nextCursor: null, rateLimit: null };
      },
    };
    const read = await readFriendIds({ client, pacer: new ReadPacer({ clock: systemClock }) }, from);
    expect(read.ok && read.items).toEqual(ids);
    expect(asked).toEqual([{ cursor: '-1' }, { page: 1 }, { page: 2 }, { page: 3 }, { page: 4 }]);
  });

  it('ends a cursored list that sends the same cursor again, with a typed error', async () => {
    const client = { ...fakeClient(), friendIdsPage: async () => ({ ok: true as const, ids: ['1'], nextCursor: '7', rateLimit: null }) };
    const read = await readFriendIds({ client, pacer: new ReadPacer({ clock: systemClock }) }, from);
    expect(read.ok === false && read.error).toMatchObject({ kind: 'bad_response', message: expect.stringContaining('cursor 7 again') });
  });
});

describe('graph pages', () => {
  it('reads cursored and bare id lists in both formats, keeping big ids exact', async () => {
    expect(await parseIdsPage('{"ids":[9007199254740993,"12"],"next_cursor":5,"next_cursor_str":"5"}', 'json')).toEqual({
      ok: true,
      ids: ['9007199254740993', '12'],
      nextCursor: '5',
    });
    expect(await parseIdsPage('[1,2]', 'json')).toEqual({ ok: true, ids: ['1', '2'], nextCursor: null });
    expect(await parseIdsPage('<id_list><ids><id>7</id></ids><next_cursor>0</next_cursor></id_list>', 'xml')).toEqual({
      ok: true,
      ids: ['7'],
      nextCursor: '0',
    });
    expect(await parseIdsPage('<ids></ids>', 'xml')).toEqual({ ok: true, ids: [], nextCursor: null });
  });

  it('refuses what is not a page, with a typed error', async () => {
    const notIds = await parseIdsPage('{"ids":["x"]}', 'json');
    expect(notIds.ok === false && notIds.error.kind).toBe('bad_response');
    const badCursor = await parseIdsPage('{"ids":[],"next_cursor":"soon"}', 'json');
    expect(badCursor.ok === false && badCursor.error.message).toMatch(/next_cursor/);
    const notUsers = await parseUsersPage('<hash><error>nope</error></hash>', 'xml');
    expect(notUsers.ok === false && notUsers.error.kind).toBe('bad_response');
  });
});
