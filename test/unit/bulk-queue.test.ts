import { describe, expect, it } from 'vitest';
import { BulkQueue } from '../../core/bulk/bulk-queue.js';
import type { BulkQueueOptions } from '../../core/bulk/queue-options.js';
import { pendingItem } from '../../core/bulk/queue-items.js';
import type { BulkEvent, BulkProgress } from '../../core/bulk/bulk-types.js';
import type { BulkItem } from '../../core/bulk/bulk-types.js';
import { ACCOUNT, entries, FakeClock, FakeServer, MemoryQueueStore, names } from './support/bulk-fakes.js';

interface Setup {
  clock: FakeClock;
  server: FakeServer;
  store: MemoryQueueStore;
  queue: BulkQueue;
  events: BulkEvent[];
}

async function setup(list: string[], options: Partial<BulkQueueOptions> = {}, configure?: (server: FakeServer) => void): Promise<Setup> {
  const clock = new FakeClock();
  const server = new FakeServer(clock);
  configure?.(server);
  const store = new MemoryQueueStore();
  const queue = new BulkQueue({ client: server.client, account: ACCOUNT, store, clock, random: () => 1, ...options });
  const events: BulkEvent[] = [];
  queue.subscribe((event) => events.push(event));
  const added = await queue.add(entries(list));
  expect(added.ok).toBe(true);
  return { clock, server, store, queue, events };
}

function states(queue: BulkQueue): BulkProgress['counts'] {
  return queue.progress().counts;
}

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - times[i]!);
}

describe('the bulk queue, against a fake server in virtual time', () => {
  it('follows everyone once and records each outcome', async () => {
    const { clock, server, queue } = await setup(['a', 'b', 'c', 'locked', 'known'], {}, (s) => {
      s.protectedAccounts.add('locked');
      s.following.add('known');
    });
    const status = await clock.run(queue.start());
    expect(status.state).toBe('finished');
    for (const key of ['a', 'b', 'c', 'locked', 'known']) expect(server.follows(key)).toBe(1);
    const byInput = Object.fromEntries(queue.allItems().map((i) => [i.input, [i.state, i.outcome, i.attempts]]));
    expect(byInput).toEqual({
      '@a': ['done', 'followed', 1],
      '@b': ['done', 'followed', 1],
      '@c': ['done', 'followed', 1],
      '@locked': ['done', 'request_pending', 1],
      '@known': ['done', 'already_following', 1],
    });
    expect(queue.progress().outcomes).toEqual({ followed: 3, request_pending: 1, already_following: 1 });
    expect(queue.allItems()[0]!.user).toEqual({ id: 'id-a', screenName: 'a' });
  });

  it('sends follow=true only when asked', async () => {
    const quiet = await setup(['a']);
    await quiet.clock.run(quiet.queue.start());
    const loud = await setup(['a'], { notify: true });
    await loud.clock.run(loud.queue.start());
    expect(quiet.server.sent.map((r) => r.notify)).toEqual([false]);
    expect(loud.server.sent.map((r) => r.notify)).toEqual([true]);
  });

  it('keeps to the configured concurrency (default 2)', async () => {
    const two = await setup(names(20));
    await two.clock.run(two.queue.start());
    expect(two.server.maxInFlight).toBe(2);
    const five = await setup(names(20), { concurrency: 5 });
    await five.clock.run(five.queue.start());
    expect(five.server.maxInFlight).toBe(5);
  });

  it('never exceeds the pace the person sets', async () => {
    const { clock, server, queue } = await setup(names(6), { pacePerMinute: 30, concurrency: 4 });
    await clock.run(queue.start());
    expect(server.sent).toHaveLength(6);
    for (const gap of gaps(server.sent.map((r) => r.at))) expect(gap).toBeGreaterThanOrEqual(2000);
  });

  it('sends one per second when the server gives no rate-limit headers and no pace is set', async () => {
    const { clock, server, queue } = await setup(names(5), {}, (s) => {
      s.sendsHeaders = false;
    });
    await clock.run(queue.start());
    const spacing = gaps(server.sent.map((r) => r.at));
    for (const gap of spacing) expect(gap).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...spacing)).toBeLessThan(1200);
  });

  it('waits for the reset when the window is used up, and is never refused', async () => {
    const { clock, server, queue, events } = await setup(names(12), { concurrency: 3 }, (s) => {
      s.window = { limit: 5, lengthMs: 60_000 };
    });
    const start = clock.now();
    const status = await clock.run(queue.start());
    expect(status.state).toBe('finished');
    expect(server.refusedForRateLimit).toBe(0);
    expect(server.sent).toHaveLength(12);
    const offsets = server.sent.map((r) => r.at - start);
    expect(offsets.slice(0, 5).every((t) => t < 60_000)).toBe(true);
    expect(offsets.slice(5, 10).every((t) => t >= 60_000 && t < 120_000)).toBe(true);
    expect(offsets.slice(10).every((t) => t >= 120_000)).toBe(true);
    const waiting = events.filter((e) => e.type === 'status' && e.status.state === 'waiting');
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    expect(waiting[0]).toMatchObject({ status: { reason: 'rate_limit', message: expect.stringContaining('rate limit') } });
  });

  it('estimates the time left from the rate limit', async () => {
    const { clock, queue } = await setup(names(16), { concurrency: 1 }, (s) => {
      s.window = { limit: 5, lengthMs: 60_000 };
    });
    const run = queue.start();
    await clock.advance(1000);
    const progress = queue.progress();
    expect(progress.rateLimit).toMatchObject({ limit: 5 });
    // 16 items, 5 per minute: the last window opens three minutes after the first.
    expect(progress.etaSeconds).toBeGreaterThanOrEqual(170);
    expect(progress.etaSeconds).toBeLessThanOrEqual(185);
    await clock.run(run);
    expect(queue.progress().etaSeconds).toBe(0);
  });

  it('after a refusal for the rate limit, waits for the reset and sends the item again', async () => {
    const resetAt = new Date(Date.parse('2026-01-01T00:10:00.000Z')).toISOString();
    const { clock, server, queue } = await setup(['a', 'b'], { concurrency: 1 }, (s) => {
      s.script.set('a', [{ kind: 'rate_limited', status: 429, rateLimit: { limit: 15, remaining: 0, resetAt } }]);
    });
    await clock.run(queue.start());
    const sends = server.sent.map((r) => [r.key, new Date(r.at).toISOString()]);
    expect(sends[0]![0]).toBe('a');
    expect(sends.slice(1).every(([, at]) => at! >= resetAt)).toBe(true);
    expect(queue.allItems().map((i) => [i.state, i.attempts])).toEqual([
      ['done', 2],
      ['done', 1],
    ]);
  });

  it('backs off exponentially on server errors, then succeeds', async () => {
    const { clock, server, queue } = await setup(['a'], { backoffBaseMs: 1000 }, (s) => {
      s.script.set('a', [
        { kind: 'server_error', status: 503 },
        { kind: 'server_error', status: 502 },
        { kind: 'server_error', status: 500 },
      ]);
    });
    await clock.run(queue.start());
    // random() = 1 gives the full delay: 1 s, 2 s, 4 s after each answer (plus 100 ms latency).
    expect(gaps(server.sent.map((r) => r.at))).toEqual([1100, 2100, 4100]);
    expect(queue.allItems()[0]).toMatchObject({ state: 'done', outcome: 'followed', attempts: 4, error: null });
  });

  it('jitters the backoff with the random source', async () => {
    const { clock, server, queue } = await setup(['a'], { backoffBaseMs: 1000, random: () => 0 }, (s) => {
      s.script.set('a', [{ kind: 'server_error', status: 503 }, { kind: 'server_error', status: 503 }]);
    });
    await clock.run(queue.start());
    expect(gaps(server.sent.map((r) => r.at))).toEqual([600, 1100]);
  });

  it('gives up on an item after repeated transient failures, keeping the kind, message and attempts', async () => {
    const failures = Array.from({ length: 3 }, () => ({ kind: 'server_error' as const, status: 503, message: 'Over capacity' }));
    const { clock, queue } = await setup(['a', 'b'], { maxTransientFailures: 3 }, (s) => {
      s.script.set('a', failures);
    });
    const status = await clock.run(queue.start());
    expect(status.state).toBe('finished');
    const [a, b] = queue.allItems();
    expect(a).toMatchObject({ state: 'failed', attempts: 3, error: { kind: 'server_error', status: 503, message: 'Over capacity' } });
    expect(b).toMatchObject({ state: 'done' });
  });

  it('looks an account up before resending after a lost answer, so a follow that went through is not repeated', async () => {
    const { clock, server, queue } = await setup(['a', 'b'], {}, (s) => {
      s.script.set('a', [{ kind: 'network', status: null, applied: true }]);
      s.script.set('b', [{ kind: 'timeout', status: null }]);
    });
    await clock.run(queue.start());
    expect(server.sent.filter((r) => r.key === 'a').map((r) => r.kind)).toEqual(['follow', 'show']);
    expect(server.sent.filter((r) => r.key === 'b').map((r) => r.kind)).toEqual(['follow', 'show', 'follow']);
    expect(queue.allItems().map((i) => [i.state, i.outcome])).toEqual([
      ['done', 'already_following'],
      ['done', 'followed'],
    ]);
  });

  it('treats a client that throws instead of answering as a lost answer: looked up, then sent, never stuck', async () => {
    const { clock, server, queue } = await setup(['a', 'b'], { concurrency: 1 });
    const follow = server.client.follow;
    let thrown = 0;
    server.client.follow = (account, target, options) => {
      if (target.value === 'a' && thrown === 0) {
        thrown += 1;
        return Promise.reject(new Error('socket hang up'));
      }
      return follow(account, target, options);
    };
    const status = await clock.run(queue.start());
    expect(status.state).toBe('finished');
    expect(server.sent.map((r) => `${r.kind} ${r.key}`)).toEqual(['show a', 'follow a', 'follow b']);
    expect(queue.allItems().map((i) => [i.state, i.outcome, i.attempts])).toEqual([
      // The failed follow, the look-up and the follow: every request counts.
      ['done', 'followed', 3],
      ['done', 'followed', 1],
    ]);
  });

  it('stamps every change of state with the time on its clock', async () => {
    const { clock, queue } = await setup(['a', 'b'], { pacePerMinute: 60 });
    const stamps: string[] = [];
    queue.subscribe((event) => {
      if (event.type === 'item') stamps.push(`${event.item.input} ${event.item.state} ${event.item.updatedAt}`);
    });
    await clock.run(queue.start());
    expect(stamps).toEqual([
      '@a in_flight 2026-01-01T00:00:00.000Z',
      '@a done 2026-01-01T00:00:00.100Z',
      '@b in_flight 2026-01-01T00:00:01.000Z',
      '@b done 2026-01-01T00:00:01.100Z',
    ]);
  });

  it('fails an item at once on a definite refusal', async () => {
    const { clock, server, queue } = await setup(['ghost', 'a'], {}, (s) => {
      s.missing.add('ghost');
      s.script.set('a', [{ kind: 'forbidden', status: 403, message: 'User has been suspended.' }]);
    });
    await clock.run(queue.start());
    expect(server.sent).toHaveLength(2);
    expect(queue.allItems().map((i) => [i.state, i.error?.kind, i.attempts])).toEqual([
      ['failed', 'not_found', 1],
      ['failed', 'forbidden', 1],
    ]);
  });

  it('stops and asks to sign in again on unauthorized, then resumes with the new account', async () => {
    const { clock, server, queue, events } = await setup(names(6), { concurrency: 1 }, (s) => {
      s.script.set('user2', [{ kind: 'unauthorized', status: 401, message: 'Could not authenticate you.' }]);
    });
    const status = await clock.run(queue.start());
    expect(status).toMatchObject({ state: 'needs_sign_in', message: expect.stringContaining('sign in again') });
    expect(server.sent).toHaveLength(3);
    await clock.advance(3600_000);
    expect(server.sent).toHaveLength(3);
    expect(queue.allItems()[2]).toMatchObject({ state: 'pending', attempts: 1, error: { kind: 'unauthorized' } });
    expect(events.some((e) => e.type === 'status' && e.status.state === 'needs_sign_in')).toBe(true);

    const renewed = { ...ACCOUNT, credentials: { mode: 'basic' as const, username: 'demo', password: 'new' } };
    const after = await clock.run(queue.resume(renewed));
    expect(after.state).toBe('finished');
    expect(server.sent.slice(3).every((r) => r.account === renewed)).toBe(true);
    expect(names(6).map((n) => server.follows(n))).toEqual([1, 1, 2, 1, 1, 1]);
    expect(queue.progress().counts.done).toBe(6);
  });

  it('pauses on a follow limit until it lifts, and says so', async () => {
    const { clock, server, queue, events } = await setup(['a', 'b'], { concurrency: 1, followLimitWaitMs: 30 * 60_000 }, (s) => {
      s.script.set('a', [{ kind: 'follow_limit', status: 403, message: 'You are unable to follow more people at this time.' }]);
    });
    const start = clock.now();
    await clock.run(queue.start());
    const waiting = events.find((e) => e.type === 'status' && e.status.state === 'waiting');
    expect(waiting).toMatchObject({
      status: { reason: 'follow_limit', until: new Date(start + 100 + 30 * 60_000).toISOString(), message: expect.stringContaining('follow') },
    });
    expect(server.sent[1]!.at - start).toBeGreaterThanOrEqual(30 * 60_000);
    expect(queue.allItems().map((i) => i.state)).toEqual(['done', 'done']);
  });

  it('stops instead of waiting longer than allowed', async () => {
    const { clock, queue } = await setup(['a', 'b'], { concurrency: 1, maxWaitMs: 60_000 }, (s) => {
      s.script.set('a', [{ kind: 'follow_limit', status: 403 }]);
    });
    const status = await clock.run(queue.start());
    expect(status).toMatchObject({ state: 'stopped', reason: 'wait_too_long' });
    expect(states(queue)).toMatchObject({ pending: 2, done: 0 });
  });

  it('pauses (nothing new is sent) and resumes', async () => {
    const { clock, server, queue, events } = await setup(names(10), { concurrency: 1 });
    const run = queue.start();
    await clock.advance(350);
    queue.pause();
    await clock.advance(60_000);
    const sentWhilePaused = server.sent.length;
    await clock.advance(60_000);
    expect(server.sent.length).toBe(sentWhilePaused);
    expect(sentWhilePaused).toBeLessThan(10);
    expect(events.some((e) => e.type === 'status' && e.status.state === 'paused')).toBe(true);
    expect(states(queue).in_flight).toBe(0);
    await clock.run(queue.resume());
    await clock.run(run);
    expect(names(10).map((n) => server.follows(n))).toEqual(Array(10).fill(1));
  });

  it('cancels what is left, and retries failed and cancelled items on request', async () => {
    const { clock, server, queue } = await setup(names(8), { concurrency: 1 }, (s) => {
      s.missing.add('user0');
    });
    const run = queue.start();
    await clock.advance(250);
    queue.cancel();
    const status = await clock.run(run);
    expect(status.state).toBe('cancelled');
    const counts = states(queue);
    expect(counts.pending).toBe(0);
    expect(counts.cancelled).toBeGreaterThan(0);
    expect(counts.failed).toBe(1);
    const sentBefore = server.sent.length;

    server.missing.delete('user0');
    const again = await clock.run(queue.retryFailed());
    expect(again.state).toBe('finished');
    expect(queue.progress().counts).toMatchObject({ done: 8, failed: 0, cancelled: 0 });
    expect(server.sent.length - sentBefore).toBe(8 - counts.done);
    expect(names(8).map((n) => server.follows(n))).toEqual([2, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('a retry asked for as the list finishes (while its last write is under way) is not lost', async () => {
    const { clock, server, queue } = await setup(['a', 'gone', 'b'], { concurrency: 1 }, (s) => s.missing.add('gone'));
    let retried: Promise<BulkProgress['counts']> | null = null;
    queue.subscribe((event) => {
      if (event.type !== 'status' || event.status.state !== 'finished' || retried) return;
      server.missing.delete('gone');
      retried = queue.retryFailed().then(() => states(queue));
    });
    expect((await clock.run(queue.start())).state).toBe('finished');
    expect(retried).not.toBeNull();
    expect(await clock.run(retried!)).toMatchObject({ done: 3, failed: 0, pending: 0 });
    expect(['a', 'gone', 'b'].map((n) => server.follows(n))).toEqual([1, 2, 1]);
  });

  it('after a crash, looks up items left in flight and sends only those the server does not show followed', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    server.following.add('sent');
    server.following.add('pending');
    server.protectedAccounts.add('pending');
    const item = (index: number, name: string, state: BulkItem['state']): BulkItem => ({
      ...pendingItem(index, { line: index + 1, input: `@${name}`, target: { form: 'screen_name', value: name } }),
      state,
      attempts: state === 'pending' ? 0 : 1,
    });
    const store = new MemoryQueueStore([
      item(0, 'sent', 'in_flight'),
      item(1, 'unsent', 'in_flight'),
      item(2, 'pending', 'in_flight'),
      item(3, 'fresh', 'pending'),
      item(4, 'gone', 'in_flight'),
    ]);
    server.missing.add('gone');
    const queue = new BulkQueue({ client: server.client, account: ACCOUNT, store, clock });
    await clock.run(queue.start());
    expect(server.sent.map((r) => `${r.kind} ${r.key}`).sort()).toEqual(
      ['show sent', 'show unsent', 'follow unsent', 'show pending', 'follow fresh', 'show gone'].sort(),
    );
    expect(queue.allItems().map((i) => [i.state, i.outcome ?? i.error?.kind])).toEqual([
      ['done', 'already_following'],
      ['done', 'followed'],
      ['done', 'request_pending'],
      ['done', 'followed'],
      ['failed', 'not_found'],
    ]);
  });

  it('sends an item left in flight once more when the server cannot say, and counts already_following as done', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    server.showsRelationship = false;
    server.following.add('sent');
    const store = new MemoryQueueStore([
      { ...pendingItem(0, { line: 1, input: '@sent', target: { form: 'screen_name', value: 'sent' } }), state: 'in_flight', attempts: 1 },
    ]);
    const queue = new BulkQueue({ client: server.client, account: ACCOUNT, store, clock });
    expect((await clock.run(queue.start())).state).toBe('finished');
    expect(server.sent.map((r) => r.kind)).toEqual(['show', 'follow']);
    expect(queue.allItems()[0]).toMatchObject({ state: 'done', outcome: 'already_following', attempts: 3 });
    expect(server.following.size).toBe(1);
  });

  it('marks items in flight durably before their requests leave', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    const store = new MemoryQueueStore();
    let syncedBeforeSend = true;
    const follow = server.client.follow;
    server.client.follow = (account, target, options) => {
      if (!store.recorded.has(store.items.findIndex((i) => i.target.value === target.value)) || store.syncs === 0) {
        syncedBeforeSend = false;
      }
      return follow(account, target, options);
    };
    const queue = new BulkQueue({ client: server.client, account: ACCOUNT, store, clock });
    await queue.add(entries(['a', 'b', 'c']));
    await clock.run(queue.start());
    expect(syncedBeforeSend).toBe(true);
    expect(server.sent).toHaveLength(3);
  });

  it('stops sending as soon as progress can no longer be saved', async () => {
    const { clock, server, store, queue } = await setup(names(10), { concurrency: 1, pacePerMinute: 60 });
    const run = queue.start();
    await clock.advance(2_500);
    const sentBefore = server.sent.length;
    store.failure = { kind: 'io', path: '/state/journal-1.jsonl', message: 'Cannot write /state/journal-1.jsonl: the disk is full.' };
    const status = await clock.run(run);
    expect(status).toMatchObject({ state: 'stopped', reason: 'storage', message: expect.stringContaining('the disk is full') });
    expect(server.sent.length - sentBefore).toBeLessThanOrEqual(1);
    expect(queue.progress().counts.pending).toBeGreaterThan(0);
    expect(await queue.close()).toMatchObject({ kind: 'io' });
  });

  it('takes a new concurrency and pace while it runs', async () => {
    const { clock, server, queue } = await setup(names(12), { concurrency: 1, pacePerMinute: 6 });
    const run = queue.start();
    await clock.advance(25_000);
    expect(server.sent).toHaveLength(3);
    queue.setOptions({ concurrency: 3, pacePerMinute: null });
    await clock.run(run);
    expect(server.sent).toHaveLength(12);
    expect(server.maxInFlight).toBe(3);
  });

  it('adds only what is not queued yet', async () => {
    const { queue } = await setup(['a', 'b']);
    const again = await queue.add(entries(['A', 'b', 'c']));
    expect(again).toEqual({ ok: true, result: { added: 1, alreadyQueued: 2 } });
    expect(queue.progress().total).toBe(3);
  });

  it('lists items by state and text, with paging', async () => {
    const { clock, queue } = await setup(['alice', 'bob', 'alina', 'ghost'], {}, (s) => s.missing.add('ghost'));
    await clock.run(queue.start());
    expect(queue.listItems({ states: ['failed'] }).items.map((i) => i.input)).toEqual(['@ghost']);
    const found = queue.listItems({ search: 'AL', offset: 1, limit: 5 });
    expect(found.total).toBe(2);
    expect(found.items.map((i) => i.input)).toEqual(['@alina']);
  });
});
