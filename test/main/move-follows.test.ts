/**
 * Moving follows through main's IPC handlers: two real sandboxes over HTTP, the real queue on
 * disk; the renderer names accounts by id and never sees a secret.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordFor, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';

let dataDir: string;
let home: Sandbox;
let other: Sandbox;
let main: HeadlessMain;
let homeId: string;
let otherId: string;
let followed: string[];
let finished: (accountId: string) => void = () => undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-move-main-'));
  home = await startSandbox({ rateLimit: null, graph: { idsPerPage: 7 } });
  other = await startSandbox({ rateLimit: null, directorySize: 230 });
  main = createHeadlessMain({
    dataDir,
    startSandbox: async () => ({ apiBase: home.apiBase, oauthBase: home.oauthBase, demo: home.demo, close: () => undefined }),
    onEvent: (name, payload) => {
      const event = payload as { accountId: string; job: { progress: { status: { state: string } } } };
      if (name === 'bulk' && event.job.progress.status.state === 'finished') finished(event.accountId);
    },
  });
  const started = await main.handlers.startSandbox();
  if (!started.ok) throw new Error(started.error.message);
  homeId = started.account.id;
  const added = await main.handlers.addAccount({
    label: 'Elsewhere',
    profile: 'twitter-v1',
    apiBase: other.apiBase,
    notifyByDefault: true,
    credentials: { mode: 'basic', username: 'demo', password: passwordFor('demo') },
  });
  if (!added.ok) throw new Error(added.error.message);
  otherId = added.account.id;
  const users = (await (await fetch(`${home.origin}/_sandbox/users`)).json()) as { screenName: string }[];
  // The last ten are beyond the other server's smaller directory.
  followed = [...users.slice(20, 40), ...users.slice(-10)].map((u) => u.screenName);
  home.seedFollows('demo', followed);
});

afterAll(async () => {
  await main.close();
  await home.close();
  await other.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('moveFollowsPreview and moveFollowsStart', () => {
  it('previews the move by name across servers, listing who is missing there', async () => {
    const answer = await main.handlers.moveFollowsPreview({ fromAccountId: homeId, toAccountId: otherId });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.preview).toMatchObject({ sameServer: false, sourceCount: 30, toFollow: 20, alreadyFollowed: 0, notFoundCount: 10, ambiguousCount: 0 });
    expect(answer.preview.notFound.map((p) => p.screenName)).toEqual(followed.slice(20));
    expect(answer.preview.byName).toHaveLength(20);
    expect(JSON.stringify(answer)).not.toContain(passwordFor('demo'));
  });

  it('follows as the destination through its bulk follow, with its SMS default, each person once', async () => {
    const done = new Promise<void>((resolve) => {
      finished = (accountId) => accountId === otherId && resolve();
    });
    const started = await main.handlers.moveFollowsStart({ fromAccountId: homeId, toAccountId: otherId });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.job?.accountId).toBe(otherId);
    expect(started.job?.options.notify).toBe(true);
    await done;
    const counts = other.stats().followRequests;
    expect(followed.slice(0, 20).filter((name) => counts[name] !== 1)).toEqual([]);
    expect(other.isFollowing('demo', followed[0]!).notifications).toBe(true);
    const again = await main.handlers.moveFollowsPreview({ fromAccountId: homeId, toAccountId: otherId });
    expect(again.ok && again.preview.alreadyFollowed).toBe(20);
  });

  it('answers a preview with the rate limit’s refusal, naming the account, rather than wait past a minute', async () => {
    const limited = await startSandbox({ rateLimit: { limit: 3, windowSeconds: 3600 } });
    try {
      limited.seedFollows('demo', followed.slice(0, 3));
      const added = await main.handlers.addAccount({
        label: 'Limited',
        profile: 'twitter-v1',
        apiBase: limited.apiBase,
        credentials: { mode: 'basic', username: 'demo', password: passwordFor('demo') },
      });
      if (!added.ok) throw new Error(added.error.message);
      // verify_credentials (adding it), then friends/ids and one users/lookup: the window is spent.
      await main.handlers.moveFollowsPreview({ fromAccountId: added.account.id, toAccountId: otherId });
      const answer = await main.handlers.moveFollowsPreview({ fromAccountId: added.account.id, toAccountId: otherId });
      expect(answer).toMatchObject({ ok: false, error: { kind: 'rate_limited', message: expect.stringMatching(/^Limited: Rate limit exceeded/) } });
    } finally {
      await limited.close();
    }
  });

  it('refuses the same account twice, and an account that does not exist, before reading anything', async () => {
    const before = home.requests.length;
    const same = await main.handlers.moveFollowsPreview({ fromAccountId: homeId, toAccountId: homeId });
    expect(same).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    const missing = await main.handlers.moveFollowsStart({ fromAccountId: 'nobody', toAccountId: otherId });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    const secret = await main.handlers.moveFollowsPreview({ fromAccountId: homeId, toAccountId: otherId, password: 'x' });
    expect(secret).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(home.requests.length).toBe(before);
  });
});
