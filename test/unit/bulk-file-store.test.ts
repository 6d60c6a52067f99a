import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkResultsCsv } from '../../core/bulk/bulk-export.js';
import { BulkQueue } from '../../core/bulk/bulk-queue.js';
import type { BulkItem } from '../../core/bulk/bulk-types.js';
import { openFileBulkStore, type FileBulkStore } from '../../core/bulk/file-bulk-store.js';
import { parseBulkInput } from '../../core/bulk/parse-bulk-input.js';
import { parseCsv } from '../../core/bulk/csv.js';
import { pendingItem } from '../../core/bulk/queue-items.js';
import { ACCOUNT, entries, FakeClock, FakeServer, names, trackedStore } from './support/bulk-fakes.js';

const OWNER = { apiBase: ACCOUNT.apiBase, user: 'demo' };

function item(index: number, name: string): BulkItem {
  return pendingItem(index, { line: index + 1, input: `@${name}`, target: { form: 'screen_name', value: name } });
}

async function open(dir: string): Promise<FileBulkStore> {
  const opened = await openFileBulkStore(dir, OWNER);
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.store;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/**
 * Leaves the directory as a crashed process would: journal written, no final snapshot, lock left
 * by an owner who is gone (a live one in this process would rightly keep the directory).
 */
async function abandon(store: FileBulkStore): Promise<void> {
  await store.sync();
  await writeFile(join(store.dir, 'lock'), `${await deadPid()}\n`);
}

describe('the file store of the bulk queue', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'befriend-bulk-store-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps items and their changes across a close and a reopen', async () => {
    const store = await open(dir);
    expect(await store.addItems([item(0, 'a'), item(1, 'b'), item(2, 'c')])).toBeNull();
    Object.assign(store.items[0]!, { state: 'done', outcome: 'followed', attempts: 1, user: { id: '1', screenName: 'a' } });
    Object.assign(store.items[1]!, { state: 'failed', attempts: 2, error: { kind: 'not_found', status: 404, message: 'Not found' } });
    store.record(store.items[0]!);
    store.record(store.items[1]!);
    expect(await store.close()).toBeNull();

    const again = await open(dir);
    expect(again.items).toEqual([
      { ...item(0, 'a'), state: 'done', outcome: 'followed', attempts: 1, user: { id: '1', screenName: 'a' } },
      { ...item(1, 'b'), state: 'failed', attempts: 2, error: { kind: 'not_found', status: 404, message: 'Not found' } },
      item(2, 'c'),
    ]);
    expect(again.owner).toEqual(OWNER);
    await again.close();
  });

  it('replays the journal after a crash, ignoring (and cutting off) a half-written last line', async () => {
    const store = await open(dir);
    await store.addItems([item(0, 'a'), item(1, 'b')]);
    store.items[0]!.state = 'in_flight';
    store.record(store.items[0]!);
    await abandon(store);
    const journal = (await readdir(dir)).find((name) => name.startsWith('journal-'))!;
    await appendFile(join(dir, journal), '{"index":1,"state":"do');

    const again = await open(dir);
    expect(again.items.map((i) => i.state)).toEqual(['in_flight', 'pending']);
    expect(await readFile(join(dir, journal), 'utf8')).toMatch(/\n$/);
    again.items[1]!.state = 'done';
    again.items[1]!.outcome = 'followed';
    again.record(again.items[1]!);
    await abandon(again);
    const third = await open(dir);
    expect(third.items.map((i) => i.state)).toEqual(['in_flight', 'done']);
    await third.close();
  });

  it('keeps the journal short: it is folded into the snapshot once it holds more lines than there are items', async () => {
    const store = await open(dir);
    await store.addItems(names(1500).map((n, i) => item(i, n)));
    const journalLines = async () => {
      const journals = (await readdir(dir)).filter((name) => name.startsWith('journal-'));
      expect(journals.length).toBeLessThanOrEqual(1);
      return journals.length === 0 ? 0 : (await readFile(join(dir, journals[0]!), 'utf8')).split('\n').length - 1;
    };
    const seen: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (const it of store.items) {
        it.attempts += 1;
        store.record(it);
      }
      expect(await store.sync()).toBeNull();
      seen.push(await journalLines());
    }
    // A pass writes a line per item; the second would make more lines than items: folded instead.
    expect(seen).toEqual([1500, 0, 1500, 0, 1500]);
    await abandon(store);
    const again = await open(dir);
    expect(again.items.every((i) => i.attempts === 5)).toBe(true);
    await again.close();
  });

  it('says the state is damaged, with a typed error, instead of guessing', async () => {
    await writeFile(join(dir, 'queue.json'), '{"format":"befriend-bulk-queue", "version": 1, "items": [');
    expect(await openFileBulkStore(dir, OWNER)).toEqual({
      ok: false,
      error: { kind: 'corrupt', path: join(dir, 'queue.json'), message: expect.stringContaining('not JSON') },
    });

    await writeFile(join(dir, 'queue.json'), JSON.stringify({ format: 'befriend-bulk-queue', version: 1, generation: 0, createdAt: 'x', owner: null, items: [{ line: 1 }] }));
    const wrongShape = await openFileBulkStore(dir, OWNER);
    expect(wrongShape).toMatchObject({ ok: false, error: { kind: 'corrupt', message: expect.stringContaining('items.0') } });
    // A refused directory is not left locked.
    expect((await readdir(dir)).includes('lock')).toBe(false);

    await rm(join(dir, 'queue.json'));
    const store = await open(dir);
    await store.addItems([item(0, 'a')]);
    store.items[0]!.state = 'done';
    store.record(store.items[0]!);
    await abandon(store);
    const journal = (await readdir(dir)).find((name) => name.startsWith('journal-'))!;
    await appendFile(join(dir, journal), 'garbage\n{"index":0,"state":"pending","outcome":null,"error":null,"attempts":0,"user":null,"updatedAt":null}\n');
    expect(await openFileBulkStore(dir, OWNER)).toMatchObject({ ok: false, error: { kind: 'corrupt', message: expect.stringContaining('line 2') } });

    await writeFile(join(dir, journal), '{"index":7,"state":"done","outcome":null,"error":null,"attempts":0,"user":null,"updatedAt":null}\n');
    expect(await openFileBulkStore(dir, OWNER)).toMatchObject({ ok: false, error: { kind: 'corrupt', message: expect.stringContaining('item 7') } });
  });

  it('refuses a directory it cannot write, before anything else', async () => {
    const file = join(dir, 'not-a-directory');
    await writeFile(file, 'x');
    const result = await openFileBulkStore(join(file, 'state'), OWNER);
    expect(result).toEqual({
      ok: false,
      error: { kind: 'unwritable', path: join(file, 'state'), message: expect.stringContaining('a file is in the way') },
    });
  });

  it('refuses a directory another live process works from, and takes over from a dead one', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await writeFile(join(dir, 'lock'), `${sleeper.pid}\n`);
      expect(await openFileBulkStore(dir, OWNER)).toMatchObject({
        ok: false,
        error: { kind: 'locked', message: expect.stringContaining(String(sleeper.pid)) },
      });
    } finally {
      sleeper.kill('SIGKILL');
      await new Promise((resolve) => sleeper.once('exit', resolve));
    }
    const store = await open(dir);
    expect(JSON.parse(await readFile(join(dir, 'lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
    expect((await readdir(dir)).includes('lock')).toBe(false);
  });

  it('belongs to one account on one server', async () => {
    const store = await open(dir);
    await store.addItems([item(0, 'a')]);
    await store.close();
    const other = await openFileBulkStore(dir, { apiBase: ACCOUNT.apiBase, user: 'someone-else' });
    expect(other).toMatchObject({ ok: false, error: { kind: 'owner_mismatch', message: expect.stringContaining('demo') } });
  });

  it('runs a queue, stops half way, and resumes from disk without following anyone twice', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    const list = names(30);
    const first = new BulkQueue({ store: trackedStore(await open(dir), clock), client: server.client, account: ACCOUNT, clock, concurrency: 1 });
    await first.add(entries(list));
    // Paused the moment the tenth answer is in; the clock waits for every write to the disk before it moves.
    const paused = new Promise<void>((resolve) => {
      first.subscribe((event) => {
        if (event.type === 'item' && event.item.state === 'done' && first.progress().counts.done === 10) first.pause();
        if (event.type === 'status' && event.status.state === 'paused') resolve();
      });
    });
    const run = first.start();
    await clock.run(paused);
    await clock.run(first.close());
    expect((await run).state).toBe('stopped');
    expect(first.progress().counts).toMatchObject({ done: 10, pending: 20, in_flight: 0 });

    const second = new BulkQueue({ store: trackedStore(await open(dir), clock), client: server.client, account: ACCOUNT, clock });
    expect(second.progress().counts).toMatchObject({ done: 10, pending: 20, in_flight: 0 });
    expect(await second.add(entries(list))).toEqual({ ok: true, result: { added: 0, alreadyQueued: 30 } });
    expect((await clock.run(second.start())).state).toBe('finished');
    await clock.run(second.close());
    expect(list.map((n) => server.follows(n))).toEqual(Array(30).fill(1));
    expect(server.sent).toHaveLength(30);
  });

  it('exports the results as CSV that reads back, one row per item in input order', async () => {
    const clock = new FakeClock();
    const server = new FakeServer(clock);
    server.missing.add('ghost');
    const queue = new BulkQueue({ client: server.client, account: ACCOUNT, store: trackedStore(await open(dir), clock), clock });
    const parsed = parseBulkInput('@alice\n@ghost\n"quoted,name\n@bob');
    if (!parsed.ok) throw new Error('parse');
    await queue.add(parsed.input.entries);
    await clock.run(queue.start());
    const csv = bulkResultsCsv(queue.allItems());
    const rows = parseCsv(csv);
    if (!rows.ok) throw new Error(rows.message);
    const [header, ...body] = rows.records.map((r) => r.fields);
    expect(header!.slice(0, 7)).toEqual(['line', 'input', 'target_form', 'target', 'state', 'outcome', 'error_kind']);
    expect(body.map((r) => [r[0], r[3], r[4], r[5], r[6]])).toEqual([
      ['1', 'alice', 'done', 'followed', ''],
      ['2', 'ghost', 'failed', '', 'not_found'],
      ['4', 'bob', 'done', 'followed', ''],
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    await clock.run(queue.close());
  });
});
