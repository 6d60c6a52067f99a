import { mkdir, open, readdir, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Result } from '../result.js';
import { syncDirectory, writeFileAtomic } from './atomic-file.js';
import { migratedOwner } from './bulk-owner.js';
import type { BulkItem, BulkOwner, BulkStoreError } from './bulk-types.js';
import {
  ioError,
  journalLine,
  journalName,
  JOURNAL_PATTERN,
  parseSnapshot,
  replayJournal,
  SNAPSHOT,
  snapshotText,
  type Snapshot,
} from './queue-files.js';
import type { QueueStore } from './queue-store.js';
import { takeStateLock, type StateLock } from './state-lock.js';

/**
 * A queue on disk: the snapshot, rewritten atomically, plus the journal, appended to and fsync'd
 * in groups, so a change costs a line rather than a rewritten file. The journal is folded into a
 * new snapshot once it holds more lines than there are items. `lock` says which process uses the
 * directory (state-lock.ts).
 */

/** Below this many lines the journal is never folded: replaying it on open costs nothing. */
const MIN_JOURNAL_LINES_BEFORE_COMPACTION = 1000;

export type OpenBulkStore = Result<{ store: FileBulkStore }, BulkStoreError>;

export class FileBulkStore implements QueueStore {
  private readonly dirty = new Set<number>();
  private journal: FileHandle | null = null;
  private writing: Promise<BulkStoreError | null> = Promise.resolve(null);
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly lock: StateLock,
    readonly items: BulkItem[],
    readonly owner: BulkOwner | null,
    private generation: number,
    private readonly createdAt: string,
    private journalLines: number,
  ) {}

  record(item: BulkItem): void {
    this.dirty.add(item.index);
  }

  addItems(items: BulkItem[]): Promise<BulkStoreError | null> {
    // One at a time: a spread of a long list into push overflows the stack.
    for (const item of items) this.items.push(item);
    return this.enqueue(() => this.compact());
  }

  /** Writes a fresh snapshot now. */
  rewrite(): Promise<BulkStoreError | null> {
    return this.enqueue(() => this.compact());
  }

  sync(): Promise<BulkStoreError | null> {
    return this.enqueue(() => this.flush());
  }

  async close(): Promise<BulkStoreError | null> {
    if (this.closed) return null;
    const error = await this.enqueue(() => this.compact());
    this.closed = true;
    await this.journal?.close().catch(() => undefined);
    this.journal = null;
    await this.lock.release();
    return error;
  }

  /** Writes run one at a time; a caller waits for the write that includes its changes. */
  private enqueue(write: () => Promise<BulkStoreError | null>): Promise<BulkStoreError | null> {
    const next = this.writing.then(() => (this.closed ? null : write()));
    this.writing = next;
    return next;
  }

  private async flush(): Promise<BulkStoreError | null> {
    if (this.dirty.size === 0) return null;
    if (this.journalLines + this.dirty.size > Math.max(MIN_JOURNAL_LINES_BEFORE_COMPACTION, this.items.length)) {
      return this.compact();
    }
    const text = [...this.dirty].map((index) => journalLine(this.items[index]!)).join('');
    const lines = this.dirty.size;
    this.dirty.clear();
    const path = join(this.dir, journalName(this.generation));
    try {
      if (this.journal === null) {
        this.journal = await open(path, 'a', 0o600);
        await syncDirectory(this.dir);
      }
      await this.journal.write(text);
      await this.journal.datasync();
    } catch (error) {
      return ioError('io', path, 'Cannot write', error);
    }
    this.journalLines += lines;
    return null;
  }

  /** Folds everything into a new snapshot, then starts an empty journal for it. */
  private async compact(): Promise<BulkStoreError | null> {
    const generation = this.generation + 1;
    const snapshot: Snapshot = { generation, createdAt: this.createdAt, owner: this.owner, items: this.items };
    this.dirty.clear();
    const path = join(this.dir, SNAPSHOT);
    try {
      await writeFileAtomic(path, snapshotText(snapshot));
    } catch (error) {
      return ioError('io', path, 'Cannot write', error);
    }
    const old = join(this.dir, journalName(this.generation));
    this.generation = generation;
    this.journalLines = 0;
    await this.journal?.close().catch(() => undefined);
    this.journal = null;
    await unlink(old).catch(() => undefined);
    return null;
  }
}

async function removeLeftovers(dir: string, generation: number): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const journal = JOURNAL_PATTERN.exec(name);
    const stale = name.endsWith('.tmp') || (journal !== null && Number(journal[1]) !== generation);
    if (stale) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/**
 * Opens (creating it if need be) the state directory. Checks that it is writable and takes the
 * lock before returning, so a caller that gets a store back knows its progress can be kept.
 */
export async function openFileBulkStore(
  dir: string,
  owner: BulkOwner | null,
  now: () => Date = () => new Date(),
): Promise<OpenBulkStore> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    return { ok: false, error: ioError('unwritable', dir, 'Cannot create the state directory', error) };
  }
  const locked = await takeStateLock(dir);
  if (!locked.ok) return locked;
  const { lock } = locked;
  try {
    const opened = await load(dir, lock, owner, now);
    if (!opened.ok) await lock.release();
    return opened;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function load(dir: string, lock: StateLock, owner: BulkOwner | null, now: () => Date): Promise<OpenBulkStore> {
  const path = join(dir, SNAPSHOT);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { ok: false, error: ioError('io', path, 'Cannot read', error) };
    }
    await removeLeftovers(dir, 0);
    return { ok: true, store: new FileBulkStore(dir, lock, [], owner, 0, now().toISOString(), 0) };
  }
  const parsed = parseSnapshot(text, path);
  if (!parsed.ok) return parsed;
  const { snapshot } = parsed;
  const migrated = snapshot.owner === null ? null : migratedOwner(snapshot.owner);
  if (migrated !== null) snapshot.owner = migrated;
  if (owner && snapshot.owner && (owner.apiBase !== snapshot.owner.apiBase || owner.user !== snapshot.owner.user)) {
    return {
      ok: false,
      error: {
        kind: 'owner_mismatch',
        path,
        message: `This state directory belongs to a run as ${snapshot.owner.user} on ${snapshot.owner.apiBase}; use another --state directory.`,
      },
    };
  }
  const journal = await replayJournal(join(dir, journalName(snapshot.generation)), snapshot.items);
  if (!journal.ok) return journal;
  await removeLeftovers(dir, snapshot.generation);
  const store = new FileBulkStore(dir, lock, snapshot.items, snapshot.owner ?? owner, snapshot.generation, snapshot.createdAt, journal.lines);
  // An owner written with its token in clear is rewritten before anything else happens.
  if (migrated !== null) {
    const error = await store.rewrite();
    if (error) return { ok: false, error };
  }
  return { ok: true, store };
}
