import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore, type NewHistoryEntry } from '../../core/history.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'befriend-history-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function entry(target: string): NewHistoryEntry {
  return { action: 'follow', accountId: 'a1', accountLabel: 'Demo', target, outcome: 'followed', user: null, error: null };
}

describe('HistoryStore', () => {
  it('keeps entries newest first across instances (persisted on disk)', async () => {
    const path = join(dir, 'nested', 'history.json');
    const store = new HistoryStore({ path, now: () => new Date('2026-01-02T03:04:05Z') });
    await store.add(entry('@one'));
    await store.add(entry('@two'));
    const reopened = new HistoryStore({ path });
    const listed = await reopened.list();
    expect(listed.map((e) => e.target)).toEqual(['@two', '@one']);
    expect(listed[0]?.at).toBe('2026-01-02T03:04:05.000Z');
    expect(await reopened.list(1)).toHaveLength(1);
  });

  it('is capped, dropping the oldest', async () => {
    const store = new HistoryStore({ path: join(dir, 'h.json'), cap: 3 });
    for (const name of ['a', 'b', 'c', 'd', 'e']) await store.add(entry(`@${name}`));
    expect((await store.list()).map((e) => e.target)).toEqual(['@e', '@d', '@c']);
    const onDisk = JSON.parse(await readFile(join(dir, 'h.json'), 'utf8'));
    expect(onDisk.entries).toHaveLength(3);
  });

  it('loses nothing when follows answer at the same time, and leaves no temp files', async () => {
    const store = new HistoryStore({ path: join(dir, 'h.json') });
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.add(entry(`@u${i}`))));
    expect(await new HistoryStore({ path: join(dir, 'h.json') }).list()).toHaveLength(25);
    expect(await readdir(dir)).toEqual(['h.json']);
  });

  it('adds a batch in one write, the last of the batch first', async () => {
    const store = new HistoryStore({ path: join(dir, 'h.json'), cap: 4 });
    await store.add(entry('@old'));
    await store.addMany([entry('@a'), entry('@b'), entry('@c'), entry('@d')]);
    expect((await new HistoryStore({ path: join(dir, 'h.json') }).list()).map((e) => e.target)).toEqual(['@d', '@c', '@b', '@a']);
    expect(await readdir(dir)).toEqual(['h.json']);
  });

  it('clears', async () => {
    const store = new HistoryStore({ path: join(dir, 'h.json') });
    await store.add(entry('@a'));
    await store.clear();
    expect(await store.list()).toEqual([]);
    expect(await new HistoryStore({ path: join(dir, 'h.json') }).list()).toEqual([]);
  });

  it('treats a corrupt or foreign file as empty and drops malformed entries', async () => {
    await writeFile(join(dir, 'bad.json'), '{"entries": [ {"id": 1}, ');
    expect(await new HistoryStore({ path: join(dir, 'bad.json') }).list()).toEqual([]);
    await writeFile(
      join(dir, 'mixed.json'),
      JSON.stringify({ version: 1, entries: [{ id: 3 }, { id: 'x', at: 't', action: 'follow', accountId: 'a', target: '@t', outcome: 'followed' }, 'str'] }),
    );
    expect((await new HistoryStore({ path: join(dir, 'mixed.json') }).list()).map((e) => e.id)).toEqual(['x']);
  });

  it('reports a failed write and keeps serving the previous list', async () => {
    await writeFile(join(dir, 'file'), 'not a directory');
    const store = new HistoryStore({ path: join(dir, 'file', 'h.json') });
    await expect(store.add(entry('@a'))).rejects.toThrow();
    expect(await store.list()).toEqual([]);
  });
});
