/**
 * Bulk follow through main's IPC handlers: the real queue on disk, the real client and a real
 * sandbox over HTTP. Only the desktop (tray, notifications, save dialog) is recorded instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseCsv } from '../../core/bulk/csv.js';
import { HARD_CASE_SCREEN_NAMES, startSandbox, type Sandbox } from '../../core/sandbox/server.js';
import { createHeadlessMain, type HeadlessMain } from '../../electron/main/headless.js';
import type { BulkJobView, BulkRunState, Exact } from '../../electron/shared/contract.js';

/** A pushed bulk event, field for field: strict objects, so nothing else (no secret) rides along. */
const count = z.number().int().nonnegative();
const bulkEvent = z.strictObject({
  accountId: z.string().min(1),
  job: z.strictObject({
    accountId: z.string().min(1),
    accountLabel: z.string(),
    options: z.strictObject({ concurrency: count, pacePerMinute: z.number().nullable(), notify: z.boolean() }),
    progress: z.strictObject({
      total: count,
      counts: z.strictObject({ pending: count, in_flight: count, done: count, failed: count, cancelled: count }),
      outcomes: z.strictObject({ followed: count, already_following: count, request_pending: count }),
      status: z.strictObject({
        state: z.enum(['idle', 'running', 'waiting', 'paused', 'needs_sign_in', 'finished', 'cancelled', 'stopped']),
        reason: z.enum(['rate_limit', 'follow_limit', 'backoff', 'storage', 'wait_too_long', 'closed']).nullable(),
        until: z.string().nullable(),
        message: z.string().nullable(),
      }),
      rateLimit: z.strictObject({ limit: z.number().nullable(), remaining: z.number().nullable(), resetAt: z.string().nullable() }).nullable(),
      etaSeconds: z.number().nullable(),
    }),
  }),
});
/** Compile-time: the schema above describes exactly the job the channels answer with. */
const schemaIsTheJob: Exact<z.output<typeof bulkEvent>['job'], BulkJobView> = true;
void schemaIsTheJob;

let dataDir: string;
let sandbox: Sandbox;
let main: HeadlessMain;
const sandboxes: Sandbox[] = [];

function headless(): HeadlessMain {
  const running = sandbox;
  return createHeadlessMain({
    dataDir,
    startSandbox: async () => ({ apiBase: running.apiBase, oauthBase: running.oauthBase, demo: running.demo, close: () => undefined }),
  });
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'befriend-bulk-main-'));
  sandbox = await startSandbox({ rateLimit: null });
  sandboxes.push(sandbox);
  main = headless();
  const started = await main.handlers.startSandbox();
  if (!started.ok) throw new Error(started.error.message);
});

afterEach(async () => {
  await main.close();
  await rm(dataDir, { recursive: true, force: true });
});

afterAll(async () => {
  await Promise.all(sandboxes.map((running) => running.close()));
});

async function ordinaryUsers(count: number): Promise<string[]> {
  const users = (await (await fetch(`${sandbox.origin}/_sandbox/users`)).json()) as { screenName: string }[];
  return users
    .map((u) => u.screenName)
    .filter((name) => name !== sandbox.demo.screenName && !HARD_CASE_SCREEN_NAMES.includes(name))
    .slice(0, count);
}

async function listOf(count: number): Promise<{ names: string[]; text: string }> {
  const names = await ordinaryUsers(count);
  return { names, text: names.map((name) => `@${name}`).join('\n') };
}

async function job(): Promise<BulkJobView> {
  const status = await main.handlers.bulkStatus({});
  if (!status.ok || status.job === null) throw new Error(`no job: ${JSON.stringify(status)}`);
  return status.job;
}

async function until(states: BulkRunState[], timeoutMs = 50_000): Promise<BulkJobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await job();
    if (states.includes(current.progress.status.state)) return current;
    if (Date.now() > deadline) throw new Error(`still ${current.progress.status.state}, wanted ${states.join('/')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function followRequests(names: readonly string[]): number[] {
  const { followRequests: counts } = sandbox.stats();
  return names.map((name) => counts[name] ?? 0);
}

describe('bulk preview', () => {
  it('counts valid lines, reports bad lines and duplicates by line number, and who is already followed', async () => {
    const { names } = await listOf(5);
    const followed = await main.handlers.follow({ target: `@${names[1]}` });
    expect(followed.ok).toBe(true);
    const text = [`@${names[0]}`, `@${names[1]}`, 'not a name!', `@${names[2]}`, `@${names[0]!.toUpperCase()}`, `${sandbox.origin}/${names[3]}`].join('\n');
    const answer = await main.handlers.bulkPreview({ text, lookups: 10 });
    if (!answer.ok) throw new Error(answer.error.message);
    const { preview } = answer;
    expect(preview).toMatchObject({ kind: 'text', valid: 4, badCount: 1, duplicateCount: 1, checked: 4 });
    expect(preview.bad.map((line) => [line.line, line.input])).toEqual([[3, 'not a name!']]);
    expect(preview.duplicates).toEqual([{ line: 5, input: `@${names[0]!.toUpperCase()}`, firstLine: 1 }]);
    expect(preview.alreadyFollowingLines).toEqual([2]);
    expect(followRequests(names.slice(0, 4))).toEqual([0, 1, 0, 0]);
  });

  it('counts without a single request when no look-ups are asked for', async () => {
    const before = sandbox.requests.length;
    const answer = await main.handlers.bulkPreview({ text: 'screen_name\ndougw\nlockedbox\n', numericAs: 'user_id' });
    expect(answer.ok && answer.preview).toMatchObject({ kind: 'csv', valid: 2, checked: 0, alreadyFollowingLines: [] });
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('a bulk follow', () => {
  it('follows everyone exactly once, records history, shows progress in the tray and notifies when done', async () => {
    const { names, text } = await listOf(30);
    const started = await main.handlers.bulkStart({ text: `${text}\n@${names[0]}\nbad line!`, concurrency: 3 });
    if (!started.ok) throw new Error(started.error.message);
    expect(started.job?.progress.total).toBe(30);
    const done = await until(['finished']);
    expect(done.progress.outcomes.followed).toBe(30);
    expect(followRequests(names)).toEqual(names.map(() => 1));
    expect(sandbox.stats().rateLimited).toBe(0);

    await expect.poll(() => main.desktop.tooltip).toBe('Befriend — bulk follow 30/30, finished');
    expect(main.desktop.bulkNotifications).toEqual([
      expect.objectContaining({ title: 'Bulk follow finished', body: 'Sandbox (demo): 30 followed.' }),
    ]);
    await expect
      .poll(async () => {
        const history = await main.handlers.listHistory({});
        return history.ok ? history.entries.filter((e) => e.outcome === 'followed').map((e) => e.target.slice(1)).sort() : [];
      })
      .toEqual([...names].sort());

    const pushed = main.desktop.events.filter((event) => event.name === 'bulk');
    expect(pushed.length).toBeGreaterThan(0);
    for (const event of pushed) expect(bulkEvent.safeParse(event.payload).success).toBe(true);
    expect(pushed.at(-1)?.payload).toMatchObject({ job: { progress: { status: { state: 'finished' } } } });

    const listed = await main.handlers.bulkItems({ states: ['done'], search: names[7], limit: 10 });
    expect(listed.ok && listed.items.map((item) => item.input)).toEqual([`@${names[7]}`]);
    const page = await main.handlers.bulkItems({ offset: 25, limit: 10 });
    expect(page.ok && [page.total, page.items.length]).toEqual([30, 5]);

    const exported = await main.handlers.bulkExportCsv({});
    if (!exported.ok || exported.path === null) throw new Error('not exported');
    expect(exported.rows).toBe(30);
    const csv = parseCsv(await readFile(exported.path, 'utf8'));
    expect(csv.ok && csv.records.length).toBe(31);
    expect(csv.ok && csv.records[1]?.fields.slice(0, 6)).toEqual(['1', `'@${names[0]}`, 'screen_name', names[0], 'done', 'followed']);
  });

  it('pauses (nothing more is sent) and resumes to the end', async () => {
    const { names, text } = await listOf(30);
    // Two a second: a slow machine still pauses long before the thirtieth.
    const started = await main.handlers.bulkStart({ text, pacePerMinute: 120 });
    expect(started.ok).toBe(true);
    await expect.poll(() => followRequests(names).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const paused = await main.handlers.bulkPause({});
    expect(paused.ok && paused.job?.progress.status.state).toBe('paused');
    await expect.poll(async () => (await job()).progress.counts.in_flight).toBe(0);
    const sent = followRequests(names).reduce((a, b) => a + b, 0);
    // Unpaused, the pace would have sent more within this: a slower machine only waits longer.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(followRequests(names).reduce((a, b) => a + b, 0)).toBe(sent);
    expect(sent).toBeLessThan(30);
    expect(main.desktop.tooltip).toMatch(/^Befriend — bulk follow \d+\/30, paused$/);

    const options = await main.handlers.bulkSetOptions({ pacePerMinute: null, concurrency: 4 });
    expect(options.ok && options.job?.options).toEqual({ concurrency: 4, pacePerMinute: null, notify: false });
    expect((await main.handlers.bulkResume({})).ok).toBe(true);
    await until(['finished']);
    expect(followRequests(names)).toEqual(names.map(() => 1));
  });

  it('cancels what is left, notifies, and Retry failed sends the rest once', async () => {
    const { names, text } = await listOf(20);
    await main.handlers.bulkStart({ text, pacePerMinute: 60 });
    await expect.poll(() => followRequests(names).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const cancelled = await main.handlers.bulkCancel({});
    expect(cancelled.ok).toBe(true);
    const ended = await until(['cancelled']);
    expect(ended.progress.counts.cancelled).toBeGreaterThan(0);
    expect(ended.progress.counts.done + ended.progress.counts.cancelled).toBe(20);
    expect(main.desktop.bulkNotifications.map((n) => n.title)).toEqual(['Bulk follow cancelled']);

    await main.handlers.bulkSetOptions({ pacePerMinute: null });
    const retried = await main.handlers.bulkRetryFailed({});
    expect(retried.ok).toBe(true);
    await until(['finished']);
    expect(followRequests(names)).toEqual(names.map(() => 1));
  });

  it('keeps failures as failed, and Retry failed tries them again', async () => {
    const { names } = await listOf(3);
    const text = [...names.map((n) => `@${n}`), '@nobody_at_all'].join('\n');
    await main.handlers.bulkStart({ text });
    const ended = await until(['finished']);
    expect(ended.progress.counts).toMatchObject({ done: 3, failed: 1 });
    const failed = await main.handlers.bulkItems({ states: ['failed'] });
    expect(failed.ok && failed.items.map((item) => [item.input, item.error?.kind, item.attempts])).toEqual([['@nobody_at_all', 'not_found', 1]]);

    // The retry may answer while the list still reads finished: wait for the item itself.
    await main.handlers.bulkRetryFailed({});
    await expect
      .poll(async () => {
        const again = await main.handlers.bulkItems({ states: ['failed'] });
        return again.ok && again.items[0]?.attempts;
      }, { timeout: 50_000 })
      .toBe(2);
    await until(['finished']);
    expect(followRequests(names)).toEqual([1, 1, 1]);
  });

  it('refuses a second list while one is unfinished, and replaces a finished one', async () => {
    const { names, text } = await listOf(6);
    await main.handlers.bulkStart({ text, pacePerMinute: 60 });
    const second = await main.handlers.bulkStart({ text: '@dougw' });
    expect(second).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    await main.handlers.bulkCancel({});
    await until(['cancelled']);
    const replaced = await main.handlers.bulkStart({ text: `@${names[5]}` });
    expect(replaced.ok && replaced.job?.progress.total).toBe(1);
    await until(['finished']);
    expect(followRequests([names[5]!])).toEqual([1]);
  });
});

describe('pushed progress', () => {
  it('reaches the renderers at most about ten times a second, and always ends on the last state', async () => {
    const { names, text } = await listOf(200);
    const began = Date.now();
    await main.handlers.bulkStart({ text, concurrency: 4 });
    await until(['finished']);
    const pushes = () => main.desktop.events.filter((event) => event.name === 'bulk');
    await expect.poll(() => pushes().at(-1)?.payload).toMatchObject({ job: { progress: { counts: { done: 200 } } } });
    const took = Date.now() - began;
    expect(pushes().length).toBeLessThanOrEqual(Math.ceil(took / 100) + 2);
    expect(followRequests(names)).toEqual(names.map(() => 1));
  });
});

describe('a lost sign-in', () => {
  it('stops, says so in a notification, and resumes with the account signed in again', async () => {
    const { names, text } = await listOf(5);
    const id = main.services.accounts.activeId()!;
    await main.services.accounts.update(id, { credentials: { mode: 'basic', username: 'demo', password: 'not-the-password' } });
    await main.handlers.bulkStart({ text });
    const stopped = await until(['needs_sign_in']);
    expect(stopped.progress.counts.done).toBe(0);
    expect(main.desktop.bulkNotifications.map((n) => n.title)).toEqual(['Bulk follow needs you to sign in again']);
    await expect.poll(() => main.desktop.tooltip).toBe('Befriend — bulk follow 0/5, needs sign-in');

    await main.services.accounts.update(id, {
      credentials: { mode: 'basic', username: sandbox.demo.username, password: sandbox.demo.password },
    });
    expect((await main.handlers.bulkResume({})).ok).toBe(true);
    await until(['finished']);
    expect(followRequests(names)).toEqual(names.map(() => 1));
  });
});

describe('a limit that lifts weeks from now', () => {
  it('stops the run with the date the server gave rather than waiting, or spinning, for weeks', async () => {
    sandbox.setRateLimit({ limit: 1, windowSeconds: 26 * 24 * 60 * 60, exceededStatus: 429 });
    const { names, text } = await listOf(3);
    const started = await main.handlers.bulkStart({ text, concurrency: 1 });
    if (!started.ok) throw new Error(started.error.message);
    const stopped = await until(['stopped']);
    expect(stopped.progress.status).toMatchObject({ state: 'stopped', reason: 'wait_too_long' });
    expect(stopped.progress.status.message).toContain(`the server says to wait until ${stopped.progress.status.until}`);
    expect(Date.parse(stopped.progress.status.until ?? '') - Date.now()).toBeGreaterThan(25 * 24 * 60 * 60_000);
    expect(followRequests(names).reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe('an unusable state directory', () => {
  it('is a clear error before anything is sent', async () => {
    await writeFile(join(dataDir, 'bulk'), 'a file where the directory should be');
    const before = sandbox.requests.length;
    const answer = await main.handlers.bulkStart({ text: '@dougw\n@lockedbox' });
    expect(answer).toMatchObject({ ok: false, error: { kind: 'server_error', message: expect.stringMatching(/Nothing was sent\.$/) } });
    expect(sandbox.requests.length).toBe(before);
  });
});

describe('after a restart of main', () => {
  it('shows the unfinished list paused, and resuming follows the rest exactly once', async () => {
    const { names, text } = await listOf(25);
    await main.handlers.bulkStart({ text, pacePerMinute: 120 });
    await expect.poll(() => followRequests(names).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await main.close();

    main = headless();
    const status = await main.handlers.bulkStatus({});
    if (!status.ok || status.job === null) throw new Error('the list did not come back');
    expect(status.job.progress.status.state).toBe('paused');
    expect(status.job.progress.total).toBe(25);
    expect(status.job.options.pacePerMinute).toBe(120);
    expect(status.job.progress.counts.done).toBeGreaterThan(0);
    expect(status.job.progress.counts.done).toBeLessThan(25);
    await expect.poll(() => main.desktop.tooltip).toMatch(/^Befriend — bulk follow \d+\/25, paused$/);

    await main.handlers.bulkSetOptions({ pacePerMinute: null });
    expect((await main.handlers.bulkResume({})).ok).toBe(true);
    await until(['finished']);
    expect(followRequests(names)).toEqual(names.map(() => 1));
  });

  it('reports no job for an account that never had one, without starting anything', async () => {
    const status = await main.handlers.bulkStatus({});
    expect(status).toEqual({ ok: true, job: null });
  });
});

describe('bad bulk requests', () => {
  it('answers invalid_request, with the line for unreadable input, and sends nothing', async () => {
    const before = sandbox.requests.length;
    const bad: unknown[] = [
      { text: 5 },
      { text: '@dougw', concurrency: 0 },
      { text: '@dougw', concurrency: 99 },
      { text: '@dougw', pacePerMinute: -1 },
      { text: '@dougw', sms: true },
      { text: '' },
      { text: 'not a name!' },
    ];
    for (const payload of bad) {
      expect(await main.handlers.bulkStart(payload), JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { kind: 'invalid_request' },
      });
    }
    const unreadable = await main.handlers.bulkPreview({ text: 'screen_name,user_id\n"dougw,1\n' });
    expect(unreadable).toMatchObject({ ok: false, error: { kind: 'invalid_request', message: expect.stringMatching(/^Line 2: /) } });
    expect(await main.handlers.bulkItems({ states: ['bogus'] })).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(await main.handlers.bulkItems({ limit: 100_000 })).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(await main.handlers.bulkPause({})).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(await main.handlers.bulkExportCsv({})).toMatchObject({ ok: false, error: { kind: 'invalid_request' } });
    expect(sandbox.requests.length).toBe(before);
  });
});
