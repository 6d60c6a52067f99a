import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHistoryEntry } from '../../core/history-entry.js';
import { HISTORY_FILE, HistoryLog, LEGACY_HISTORY_FILE } from '../../core/history.js';
import type { User } from '../../core/types.js';

let dir: string;
let errors: unknown[];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'befriend-history-'));
  errors = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function log(options: { cap?: number; now?: () => Date; in?: string } = {}): HistoryLog {
  return new HistoryLog({ dir: options.in ?? dir, onWriteError: (error) => errors.push(error), ...options });
}

function entry(target: string, user: User | null = null): NewHistoryEntry {
  return { action: 'follow', accountId: 'a1', accountLabel: 'Demo', target, outcome: 'followed', user, error: null };
}

const DOUG: User = {
  id: '1401881',
  screenName: 'dougw',
  name: 'Doug Williams',
  location: 'San Francisco',
  description: 'Twitter API support',
  url: 'http://t.co/abc',
  profileImageUrl: 'https://example.org/doug.png',
  protected: false,
  verified: true,
  followersCount: 1000,
  friendsCount: 10,
  statusesCount: 5000,
  favouritesCount: 3,
  createdAt: '2007-03-21T00:00:00.000Z',
  utcOffset: null,
  timeZone: null,
  following: true,
  notifications: false,
  followRequestSent: false,
  latestStatus: {
    id: '1',
    text: 'a long status that history has no use for',
    createdAt: null,
    source: null,
    truncated: false,
    favorited: false,
    inReplyToStatusId: null,
    inReplyToUserId: null,
    inReplyToScreenName: null,
  },
};
const DOUG_SUMMARY = { id: '1401881', screenName: 'dougw', name: 'Doug Williams', profileImageUrl: 'https://example.org/doug.png', protected: false };

async function fileLines(): Promise<unknown[]> {
  const text = await readFile(join(dir, HISTORY_FILE), 'utf8');
  return text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line));
}

describe('HistoryLog', () => {
  it('keeps entries newest first across instances (persisted on disk)', async () => {
    const nested = join(dir, 'nested');
    const history = log({ in: nested, now: () => new Date('2026-01-02T03:04:05Z') });
    history.add(entry('@one'));
    history.add(entry('@two'));
    await history.flush();
    const reopened = log({ in: nested });
    const listed = await reopened.list();
    expect(listed.map((e) => e.target)).toEqual(['@two', '@one']);
    expect(listed[0]?.at).toBe('2026-01-02T03:04:05.000Z');
    expect(await reopened.list(1)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('lists an entry the moment it is added; the disk is written only on a later turn', async () => {
    const history = log();
    await history.list();
    const added = history.add(entry('@now'));
    expect(existsSync(join(dir, HISTORY_FILE))).toBe(false);
    expect(await history.list()).toEqual([added]);
    await history.flush();
    expect(await fileLines()).toEqual([added]);
  });

  it('keeps only a summary of the person: what the list, the tray and a reopened card show', async () => {
    const history = log();
    const added = history.add(entry('@dougw', DOUG));
    expect(added.user).toEqual(DOUG_SUMMARY);
    await history.flush();
    expect((await fileLines())[0]).toMatchObject({ user: DOUG_SUMMARY });
    expect(JSON.stringify(await fileLines())).not.toContain('history has no use for');
  });

  it('appends to the file rather than rewriting it', async () => {
    const history = log();
    history.add(entry('@first'));
    await history.flush();
    const before = await stat(join(dir, HISTORY_FILE));
    const firstLine = (await readFile(join(dir, HISTORY_FILE), 'utf8')).split('\n')[0];
    for (let i = 0; i < 10; i += 1) {
      history.add(entry(`@u${i}`));
      await history.flush();
    }
    const after = await stat(join(dir, HISTORY_FILE));
    expect(after.ino).toBe(before.ino);
    expect(after.size).toBeGreaterThan(before.size);
    expect((await readFile(join(dir, HISTORY_FILE), 'utf8')).split('\n')[0]).toBe(firstLine);
    expect(await fileLines()).toHaveLength(11);
  });

  it('is capped, dropping the oldest, and compacts the file once it holds twice the cap', async () => {
    const history = log({ cap: 3 });
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) {
      history.add(entry(`@${name}`));
      await history.flush();
    }
    expect((await history.list()).map((e) => e.target)).toEqual(['@f', '@e', '@d']);
    expect(await fileLines()).toHaveLength(6);
    history.add(entry('@g'));
    await history.flush();
    expect((await fileLines()).map((e) => (e as { target: string }).target)).toEqual(['@e', '@f', '@g']);
    expect((await log({ cap: 3 }).list()).map((e) => e.target)).toEqual(['@g', '@f', '@e']);
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
  });

  it('loses nothing when follows answer at the same time, and leaves no temp files', async () => {
    const history = log();
    for (let i = 0; i < 25; i += 1) history.add(entry(`@u${i}`));
    await history.flush();
    expect(await log().list()).toHaveLength(25);
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
  });

  it('adds a batch together, the last of the batch first', async () => {
    const history = log({ cap: 4 });
    history.add(entry('@old'));
    history.addMany([entry('@a'), entry('@b'), entry('@c'), entry('@d')]);
    expect((await history.list()).map((e) => e.target)).toEqual(['@d', '@c', '@b', '@a']);
    await history.flush();
    expect((await log({ cap: 4 }).list()).map((e) => e.target)).toEqual(['@d', '@c', '@b', '@a']);
  });

  it('clears the list at once and the file, an earlier build’s included', async () => {
    await writeFile(join(dir, LEGACY_HISTORY_FILE), JSON.stringify({ version: 1, entries: [{ ...entry('@legacy'), id: 'x', at: 't' }] }));
    const history = log();
    history.add(entry('@a'));
    await history.clear();
    expect(await history.list()).toEqual([]);
    await history.flush();
    expect(await log().list()).toEqual([]);
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
  });

  it('clears a list already read, and keeps what is added after', async () => {
    const history = log();
    history.add(entry('@a'));
    expect(await history.list()).toHaveLength(1);
    await history.clear();
    expect(await history.list()).toEqual([]);
    history.add(entry('@b'));
    expect((await history.list()).map((e) => e.target)).toEqual(['@b']);
    await history.flush();
    expect((await log().list()).map((e) => e.target)).toEqual(['@b']);
  });

  it('reads the history.json of earlier builds once, keeping a summary of each person, and replaces it', async () => {
    const old = [
      { ...entry('@dougw', DOUG), id: 'new', at: '2026-01-02T00:00:00.000Z' },
      { ...entry('@gone'), id: 'old', at: '2026-01-01T00:00:00.000Z', outcome: 'failed', error: { kind: 'not_found', status: 404, code: 34, message: 'Not found' } },
    ];
    await writeFile(join(dir, LEGACY_HISTORY_FILE), JSON.stringify({ version: 1, entries: old }));
    const history = log();
    const listed = await history.list();
    expect(listed.map((e) => e.id)).toEqual(['new', 'old']);
    expect(listed[0]?.user).toEqual(DOUG_SUMMARY);
    expect(listed[1]?.error).toMatchObject({ kind: 'not_found' });
    await history.flush();
    expect(await readdir(dir)).toEqual([HISTORY_FILE]);
    expect(await log().list()).toEqual(listed);
    history.add(entry('@next'));
    await history.flush();
    expect((await log().list()).map((e) => e.target)).toEqual(['@next', '@dougw', '@gone']);
  });

  it('skips a torn last line (a crash mid-write) and replaces it with whole lines on the next write', async () => {
    const whole = { ...entry('@whole'), id: 'w', at: '2026-01-01T00:00:00.000Z' };
    await writeFile(join(dir, HISTORY_FILE), `${JSON.stringify(whole)}\n{"id":"torn","at":"2026-01-0`);
    const history = log();
    expect((await history.list()).map((e) => e.id)).toEqual(['w']);
    history.add(entry('@after'));
    await history.flush();
    const text = await readFile(join(dir, HISTORY_FILE), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    expect((await fileLines()).map((e) => (e as { target: string }).target)).toEqual(['@whole', '@after']);
  });

  it('treats a corrupt or foreign file as empty and drops malformed entries', async () => {
    await writeFile(join(dir, HISTORY_FILE), 'not json\n{"id": 1}\n"str"\n');
    expect(await log().list()).toEqual([]);
    await writeFile(
      join(dir, HISTORY_FILE),
      [{ id: 3 }, { id: 'x', at: 't', action: 'follow', accountId: 'a', target: '@t', outcome: 'followed' }, { id: 'y', at: 't', action: 'follow', accountId: 'a', target: '@t', outcome: 'exploded' }]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    expect((await log().list()).map((e) => e.id)).toEqual(['x']);
    await rm(join(dir, HISTORY_FILE));
    await writeFile(join(dir, LEGACY_HISTORY_FILE), '{"entries": [ {"id": 1}, ');
    expect(await log().list()).toEqual([]);
  });

  it('reports a failed write, keeps the entry in the list, and writes it with the next one that can', async () => {
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, 'a file where the directory should be');
    const history = log({ in: blocked });
    history.add(entry('@a'));
    await history.flush();
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toMatch(/^E/);
    expect((await history.list()).map((e) => e.target)).toEqual(['@a']);

    await rm(blocked);
    history.add(entry('@b'));
    await history.flush();
    expect(errors).toHaveLength(1);
    expect((await log({ in: blocked }).list()).map((e) => e.target)).toEqual(['@b', '@a']);
  });
});
