import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../core/account.js';
import { copyEntries, planCopy } from '../../core/bulk/copy-follows.js';
import { openBulkQueue } from '../../core/bulk/open-bulk-queue.js';
import { createClient } from '../../core/client.js';
import { HARD_CASES, passwordFor, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import type { Format } from '../../core/types.js';
import { virtualClock } from '../support/virtual-clock.js';

function account(sandbox: Sandbox, screenName: string, format: Format = 'json'): Account {
  return {
    profile: 'twitter-v1',
    apiBase: sandbox.apiBase,
    format,
    credentials: { mode: 'basic', username: screenName, password: passwordFor(screenName) },
  };
}

async function screenNames(sandbox: Sandbox): Promise<string[]> {
  const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
  return users.map((u) => u.screenName);
}

const client = createClient();
const NOT_FOLLOWABLE = new Set(['demo', HARD_CASES.suspended, HARD_CASES.protected]);

describe('copying follows between two sandbox servers', () => {
  let source: Sandbox;
  let destination: Sandbox;
  let followed: string[];
  let dir: string;

  beforeAll(async () => {
    // The destination's directory is smaller: the source's last people do not exist there.
    source = await startSandbox({ directorySize: 320, rateLimit: null, graph: { idsPerPage: 40, usersPerPage: 30 } });
    destination = await startSandbox({ directorySize: 300, rateLimit: null, graph: { idsPerPage: 40 } });
    followed = (await screenNames(source)).filter((n) => !NOT_FOLLOWABLE.has(n));
    source.seedFollows('demo', followed);
    dir = await mkdtemp(join(tmpdir(), 'befriend-copy-'));
  });

  afterEach(() => destination.reset());

  afterAll(async () => {
    await source.close();
    await destination.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads every page, matches by name, lists the missing names and counts what is already followed', async () => {
    const onDestination = new Set(await screenNames(destination));
    destination.seedFollows('demo', followed.slice(0, 5));
    const planned = await planCopy({ client, from: account(source, 'demo'), to: account(destination, 'demo') });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const { plan } = planned;
    expect(plan.sameServer).toBe(false);
    expect(plan.sourceCount).toBe(followed.length);
    expect(plan.notFound.map((p) => p.screenName)).toEqual(followed.filter((n) => !onDestination.has(n)));
    expect(plan.notFound.length).toBe(20);
    expect(plan.alreadyFollowed.map((m) => m.target.screenName)).toEqual(followed.slice(0, 5));
    expect(plan.toFollow).toHaveLength(followed.length - 20 - 5);
    expect(plan.toFollow.every((m) => m.byName)).toBe(true);
    expect(plan.ambiguous).toEqual([]);
    // friends/ids came in pages of 40, with cursors.
    const idPages = source.requests.filter((r) => r.path === '/1/friends/ids.json');
    expect(idPages.map((r) => r.query.cursor)).toEqual(['-1', '40', '80', '120', '160', '200', '240', '280']);
    expect(idPages.every((r) => r.query.stringify_ids === 'true')).toBe(true);
  });

  it('follows the plan through the durable bulk queue: each one once, by the destination’s own counts', async () => {
    const to = account(destination, 'demo', 'xml');
    const planned = await planCopy({ client, from: account(source, 'demo', 'xml'), to });
    if (!planned.ok) throw new Error(planned.error.message);
    const opened = await openBulkQueue({ stateDir: join(dir, 'run'), client, account: to, concurrency: 4 });
    if (!opened.ok) throw new Error(opened.error.message);
    const added = await opened.queue.add(copyEntries(planned.plan));
    expect(added.ok && added.result.added).toBe(planned.plan.toFollow.length);
    expect((await opened.queue.start()).state).toBe('finished');
    expect(await opened.queue.close()).toBeNull();
    const counts = destination.stats().followRequests;
    expect(planned.plan.toFollow.filter((m) => counts[m.target.screenName] !== 1)).toEqual([]);
    expect(Object.keys(counts)).toHaveLength(planned.plan.toFollow.length);
    expect(destination.isFollowing('demo', planned.plan.toFollow[0]!.target.screenName).following).toBe(true);
  });

  it('falls back to statuses/friends where users/lookup is missing, and to users/show on the destination', async () => {
    // Like GNU social: no users/lookup, and `cursor` ignored (bare lists, paged by number).
    const gnu = await startSandbox({ directorySize: 60, rateLimit: null, graph: { usersLookup: false, cursors: false, idsPerPage: 10, usersPerPage: 7 } });
    try {
      gnu.seedFollows('demo', followed.slice(0, 25));
      const planned = await planCopy({ client, from: account(gnu, 'demo'), to: account(destination, 'demo') });
      expect(planned.ok && planned.plan.toFollow.map((m) => m.target.screenName)).toEqual(followed.slice(0, 25));
      // The cursored ask, then pages 1 to 4 of 7 and an empty page 5.
      expect(gnu.requests.filter((r) => r.path === '/1/statuses/friends.json').map((r) => r.query.page ?? r.query.cursor)).toEqual([
        '-1', '1', '2', '3', '4', '5',
      ]);
      expect(gnu.requests.filter((r) => r.path === '/1/friends/ids.json').map((r) => r.query.page ?? r.query.cursor)).toEqual([
        '-1', '1', '2', '3', '4',
      ]);
      const back = await planCopy({ client, from: account(destination, 'demo'), to: account(gnu, 'demo') });
      expect(back.ok && back.plan.sourceCount).toBe(0);
      destination.seedFollows('demo', ['dougw', 'tenten']);
      const named = await planCopy({ client, from: account(destination, 'demo'), to: account(gnu, 'demo') });
      // Both are among the 25 the GNU social account already follows.
      expect(named.ok && named.plan.alreadyFollowed.map((m) => m.target.screenName)).toEqual(['dougw', 'tenten']);
      expect(gnu.requests.filter((r) => r.path === '/1/users/show.json')).toHaveLength(2);
    } finally {
      await gnu.close();
    }
  });

  it('reads a GNU social account (the sandbox personality) through statuses/friends, its own subscription left out', async () => {
    const gnu = await startSandbox({ personality: 'gnusocial', directorySize: 60, rateLimit: null });
    try {
      gnu.seedFollows('demo', followed.slice(0, 5));
      const from = { ...account(gnu, 'demo'), profile: 'gnusocial' as const };
      const planned = await planCopy({ client, from, to: account(destination, 'demo') });
      if (!planned.ok) throw new Error(planned.error.message);
      expect(planned.plan.toFollow.map((m) => m.target.screenName)).toEqual(followed.slice(0, 5));
      expect(planned.plan.toFollow.every((m) => m.byName)).toBe(true);
      const lookups = gnu.requests.filter((r) => r.path.endsWith('/users/lookup.json'));
      // Asked once, answered 404, never asked again.
      expect(lookups).toHaveLength(1);
      expect(gnu.requests.some((r) => r.path === '/index.php/api/statuses/friends.json')).toBe(true);
    } finally {
      await gnu.close();
    }
  });

  it('matches by id on one server, and leaves out the destination account itself', async () => {
    source.seedFollows('dougw', ['tenten', 'bigid']);
    const planned = await planCopy({ client, from: account(source, 'demo'), to: account(source, 'dougw') });
    if (!planned.ok) throw new Error(planned.error.message);
    expect(planned.plan.sameServer).toBe(true);
    expect(planned.plan.toFollow.some((m) => m.byName)).toBe(false);
    expect(planned.plan.yourself).toBe(1);
    expect(planned.plan.alreadyFollowed.map((m) => m.target.screenName).sort()).toEqual(['bigid', 'tenten']);
    expect(planned.plan.toFollow).toHaveLength(followed.length - 3);
  });

  it('waits for the read rate limit to reset, on the clock, instead of failing', async () => {
    const clock = virtualClock();
    const limited = await startSandbox({ directorySize: 60, now: clock.now, rateLimit: { limit: 3, windowSeconds: 900 }, graph: { idsPerPage: 10 } });
    try {
      limited.seedFollows('demo', followed.slice(0, 45));
      const planned = await planCopy({ client, clock, from: account(limited, 'demo'), to: account(limited, HARD_CASES.protected) });
      expect(planned.ok && planned.plan.toFollow).toHaveLength(45);
      expect(clock.slept.length).toBeGreaterThan(0);
      expect(limited.stats().rateLimited).toBe(0);
    } finally {
      await limited.close();
    }
  });

  it('gives back the refusal when a sign-in fails, before reading anything else', async () => {
    const bad = { ...account(destination, 'demo'), credentials: { mode: 'basic' as const, username: 'demo', password: 'wrong' } };
    const planned = await planCopy({ client, from: account(source, 'demo'), to: bad });
    expect(planned.ok === false && [planned.error.kind, planned.error.side]).toEqual(['unauthorized', 'to']);
  });
});
