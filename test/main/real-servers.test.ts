/** The desktop's handlers against a GNU social server (the sandbox's gnusocial personality). */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HARD_CASES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';

let dataDir: string;
let gnu: Sandbox;
let main: HeadlessMain;

beforeAll(async () => {
  gnu = await startSandbox({ personality: 'gnusocial' });
});
afterAll(() => gnu.close());

beforeEach(async () => {
  gnu.reset();
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-real-servers-'));
  main = createHeadlessMain({
    dataDir,
    startSandbox: async () => ({ apiBase: gnu.apiBase, oauthBase: gnu.oauthBase, demo: gnu.demo, close: () => undefined }),
    takenShortcuts: [],
  });
});
afterEach(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

const demoCredentials = () => ({ mode: 'basic' as const, username: 'demo', password: gnu.demo.password });

async function addGnuSocial(apiBase = gnu.apiBase) {
  return main.handlers.addAccount({ label: 'Social', profile: 'gnusocial', apiBase, credentials: demoCredentials() });
}

describe('a GNU social account on the desktop', () => {
  it('says at Verify that a web page answered, not the API, and saves nothing', async () => {
    const added = await addGnuSocial(`${gnu.origin}/index.php`);
    expect(added.ok).toBe(false);
    if (added.ok) return;
    expect(added.error).toMatchObject({
      kind: 'bad_response',
      status: 404,
      message: `The server answered with a web page, not the API: check the API address, e.g. ${gnu.origin}/index.php/api.`,
    });
    expect(main.store.get('accounts')).toEqual([]);
  });

  it('keeps who the account is, and refuses following yourself by id or profile URL before sending', async () => {
    const added = await addGnuSocial();
    if (!added.ok) throw new Error(added.error.message);
    expect(added.account.self).toEqual({ id: '1000001', screenName: 'demo' });
    const before = gnu.requests.length;
    for (const target of ['1000001', `${gnu.origin}/index.php/user/1000001`, `${gnu.origin}/index.php/demo`]) {
      const result = await main.handlers.follow({ target, numericAs: 'user_id' });
      expect(result.ok === false && result.error.message).toBe('That is the account you are signed in with: you cannot follow yourself.');
    }
    expect(gnu.requests.length).toBe(before);
  });

  it('learns who an account saved without it is on first use, and keeps it', async () => {
    const added = await addGnuSocial();
    if (!added.ok) throw new Error(added.error.message);
    main.store.set('accounts', main.store.get('accounts').map((account) => ({ ...account, self: null })));
    const result = await main.handlers.follow({ target: '1000001', numericAs: 'user_id' });
    expect(result.ok === false && result.error.kind).toBe('invalid_request');
    expect(main.store.get('accounts')[0]!.self).toEqual({ id: '1000001', screenName: 'demo' });
    expect(gnu.requests.filter((r) => r.path.includes('friendships/create'))).toHaveLength(0);
  });

  it('records a private stream as a request, and an undo of a follow already gone as done', async () => {
    const added = await addGnuSocial();
    if (!added.ok) throw new Error(added.error.message);
    const followed = await main.handlers.follow({ target: `@${HARD_CASES.protected}` });
    expect(followed.ok).toBe(true);
    const undone = await main.handlers.unfollow({ target: '@dougw' });
    expect(undone.ok === false && undone.error.kind).toBe('not_following');
    const history = await main.handlers.listHistory({});
    if (!history.ok) throw new Error(history.error.message);
    expect(history.entries.map((e) => [e.action, e.outcome])).toEqual([
      ['unfollow', 'unfollowed'],
      ['follow', 'request_pending'],
    ]);
  });
});
