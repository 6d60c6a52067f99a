/**
 * `cancel` against the real client and a real sandbox whose answers the test holds open: a
 * cancelled request stops in main, answers with the client's cancelled network error, and a
 * cancelled follow is not kept in history.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../core/client.js';
import { startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import { LIMITS } from '../../electron/shared/contract.js';
import { holdRequests, type HeldRequests } from '../fixtures/held-requests.js';

const CANCELLED = { ok: false, error: { kind: 'network', message: 'The request was cancelled.' } };

let sandbox: Sandbox;
let dataDir: string;
let main: HeadlessMain;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-cancel-'));
  main = createHeadlessMain({
    dataDir,
    startSandbox: async () => ({ apiBase: sandbox.apiBase, oauthBase: sandbox.oauthBase, demo: sandbox.demo, close: () => undefined }),
  });
  const started = await main.handlers.startSandbox();
  if (!started.ok) throw new Error(started.error.message);
});

afterEach(async () => {
  // A held follow reached the sandbox: start the next test from its first state.
  sandbox.reset();
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Main with a client whose answers on these paths wait for the test (or for a cancel). */
async function mainHolding(paths: readonly string[]): Promise<HeldRequests> {
  await main.close();
  const held = holdRequests(paths);
  main = createHeadlessMain({
    dataDir: join(dataDir, 'held'),
    client: held.client,
    startSandbox: async () => ({ apiBase: sandbox.apiBase, oauthBase: sandbox.oauthBase, demo: sandbox.demo, close: () => undefined }),
  });
  const started = await main.handlers.startSandbox();
  if (!started.ok) throw new Error(started.error.message);
  return held;
}

async function followEntries(): Promise<unknown[]> {
  const listed = await main.handlers.listHistory({});
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.entries.filter((entry) => entry.action === 'follow');
}

describe('cancel', () => {
  it('stops a slow follow at once, answers with the cancelled error and keeps no history of it', async () => {
    const held = await mainHolding(['friendships/create']);
    const follow = main.handlers.follow({ target: '@dougw', requestId: 'follow-1' });
    await expect.poll(() => held.waiting()).toBe(1);
    expect(await main.handlers.cancel({ requestId: 'follow-1' })).toEqual({ ok: true, cancelled: true });
    expect(await follow).toMatchObject(CANCELLED);
    expect(held.aborted()).toBe(1);
    expect(await followEntries()).toEqual([]);
    expect(await main.handlers.cancel({ requestId: 'follow-1' })).toEqual({ ok: true, cancelled: false });
  });

  it('stops the look-up main makes after a refused follow; the refusal stands and stays in history', async () => {
    const real = createClient();
    let showing: () => void = () => undefined;
    const shown = new Promise<void>((resolve) => {
      showing = resolve;
    });
    const held = createHeadlessMain({
      dataDir: join(dataDir, 'held-show'),
      // users/show waits for the cancel, then runs with the aborted signal, as a slow server would
      client: {
        ...real,
        show: (account, target, options) =>
          new Promise((resolve) => {
            showing();
            options?.signal?.addEventListener('abort', () => resolve(real.show(account, target, options)));
          }),
      },
      startSandbox: async () => ({ apiBase: sandbox.apiBase, oauthBase: sandbox.oauthBase, demo: sandbox.demo, close: () => undefined }),
    });
    try {
      expect((await held.handlers.startSandbox()).ok).toBe(true);
      expect((await held.handlers.follow({ target: '@dougwfan' })).ok).toBe(true);
      const again = held.handlers.follow({ target: '@dougwfan', requestId: 'again-1' });
      await shown;
      expect(await held.handlers.cancel({ requestId: 'again-1' })).toEqual({ ok: true, cancelled: true });
      expect(await again).toMatchObject({ ok: false, error: { kind: 'already_following' }, user: null });
      const listed = await held.handlers.listHistory({});
      expect(listed.ok && listed.entries.map((entry) => entry.outcome)).toEqual(['already_following', 'followed']);
    } finally {
      await held.close();
    }
  });

  it('stops slow lookups and searches too', async () => {
    const held = await mainHolding(['users/show', 'users/search']);
    const lookup = main.handlers.lookup({ target: '@dougw', requestId: 'lookup-1' });
    const search = main.handlers.search({ query: 'doug', requestId: 'search-1' });
    await expect.poll(() => held.waiting()).toBe(2);
    expect(await main.handlers.cancel({ requestId: 'lookup-1' })).toEqual({ ok: true, cancelled: true });
    expect(await main.handlers.cancel({ requestId: 'search-1' })).toEqual({ ok: true, cancelled: true });
    expect(await lookup).toMatchObject(CANCELLED);
    expect(await search).toMatchObject(CANCELLED);
    expect(held.aborted()).toBe(2);
  });

  it('says false for an unknown id and for a request that already finished, which stays in history', async () => {
    expect(await main.handlers.cancel({ requestId: 'never-sent' })).toEqual({ ok: true, cancelled: false });
    const follow = await main.handlers.follow({ target: '@dougw', requestId: 'done-1' });
    expect(follow.ok).toBe(true);
    expect(await main.handlers.cancel({ requestId: 'done-1' })).toEqual({ ok: true, cancelled: false });
    expect(await followEntries()).toMatchObject([{ target: '@dougw', outcome: 'followed' }]);
  });

  it('cancels only the calling window’s request', async () => {
    const held = await mainHolding(['users/show']);
    const lookup = main.handlers.lookup({ target: '@dougw', requestId: 'shared-id' }, { window: 'main' });
    await expect.poll(() => held.waiting()).toBe(1);
    expect(await main.handlers.cancel({ requestId: 'shared-id' }, { window: 'quick' })).toEqual({ ok: true, cancelled: false });
    held.release();
    expect((await lookup).ok).toBe(true);
  });

  it('refuses an id already in flight, and takes it again once that request finished', async () => {
    const held = await mainHolding(['users/show']);
    const first = main.handlers.lookup({ target: '@dougw', requestId: 'twice' });
    await expect.poll(() => held.waiting()).toBe(1);
    const second = await main.handlers.lookup({ target: '@dougw', requestId: 'twice' });
    expect(second).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringMatching(/request id/) } });
    held.stopHolding();
    expect((await first).ok).toBe(true);
    expect((await main.handlers.lookup({ target: '@dougw', requestId: 'twice' })).ok).toBe(true);
  });

  it('keeps at most a fixed number of cancellable requests, and forgets each one when it ends', async () => {
    // A server that never answers (fetch waits for the abort) holds every request in main.
    let sent = 0;
    const hanging: typeof fetch = (_input, init) => {
      sent++;
      return new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    };
    const held = createHeadlessMain({
      dataDir: join(dataDir, 'held'),
      client: createClient({ fetch: hanging }),
      startSandbox: async () => ({ apiBase: sandbox.apiBase, oauthBase: sandbox.oauthBase, demo: sandbox.demo, close: () => undefined }),
    });
    try {
      expect((await held.handlers.startSandbox()).ok).toBe(true);
      const ids = Array.from({ length: LIMITS.requestsInFlight }, (_, i) => `many-${i}`);
      const running = ids.map((requestId) => held.handlers.lookup({ target: '@dougw', requestId }));
      await expect.poll(() => sent).toBe(ids.length);
      const over = await held.handlers.lookup({ target: '@dougw', requestId: 'one-too-many' });
      expect(over).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringMatching(/Too many/) } });
      const cancels = await Promise.all(ids.map((requestId) => held.handlers.cancel({ requestId })));
      expect(cancels.every((answer) => answer.ok && answer.cancelled)).toBe(true);
      for (const answer of await Promise.all(running)) expect(answer).toMatchObject(CANCELLED);
      const again = held.handlers.lookup({ target: '@dougw', requestId: 'one-too-many' });
      expect(await held.handlers.cancel({ requestId: 'one-too-many' })).toEqual({ ok: true, cancelled: true });
      expect(await again).toMatchObject(CANCELLED);
    } finally {
      await held.close();
    }
  });

  it('refuses malformed payloads with invalid_request', async () => {
    const bad: unknown[] = [
      undefined,
      null,
      {},
      { requestId: '' },
      { requestId: 'has space' },
      { requestId: '../x' },
      { requestId: 'x'.repeat(LIMITS.requestId + 1) },
      { requestId: 7 },
      { requestId: 'r1', extra: true },
      'r1',
    ];
    for (const payload of bad) {
      expect(await main.handlers.cancel(payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { kind: 'invalid_request' },
      });
    }
    expect(await main.handlers.follow({ target: '@dougw', requestId: 'no spaces' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid_request' },
    });
  });
});
