import { mkdir, open, readdir, readFile, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { syncDirectory, writeFileAtomic } from './atomic-file.js';
import type { BulkStore } from './bulk-store.js';
import { BULK_ITEM_STATES, type BulkItem, type BulkOwner, type BulkStoreError } from './bulk-types.js';
import { ERROR_KINDS } from '../types.js';

/**
 * A queue on disk: `queue.json`, a snapshot rewritten atomically, plus `journal-<n>.jsonl`, an
 * append-only log of item changes since snapshot n, fsync'd in groups. Ten thousand items cost
 * one line per change instead of a rewritten file; the journal is folded into a new snapshot
 * once it holds four lines per item. `lock` holds the pid of the process using the directory.
 */

const SNAPSHOT = 'queue.json';
const LOCK = 'lock';
const FORMAT = 'befriend-bulk-queue';
const journalName = (generation: number): string => `journal-${generation}.jsonl`;
const JOURNAL_PATTERN = /^journal-(\d+)\.jsonl$/;
/**
 * Folding the journal costs a full snapshot write. A run writes about two lines per item (leased,
 * then done), so folding at four lines per item lets a whole run of any size finish without a
 * snapshot written in the middle, while replaying the journal on open stays a matter of lines.
 */
const MIN_JOURNAL_LINES_BEFORE_COMPACTION = 1000;
const JOURNAL_LINES_PER_ITEM_BEFORE_COMPACTION = 4;

const itemErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS as [string, ...string[]]),
  status: z.number().int().nullable(),
  message: z.string(),
});

const itemFields = {
  state: z.enum(BULK_ITEM_STATES as [string, ...string[]]),
  outcome: z.enum(['followed', 'request_pending', 'already_following']).nullable(),
  error: itemErrorSchema.nullable(),
  attempts: z.number().int().nonnegative(),
  user: z.object({ id: z.string(), screenName: z.string() }).nullable(),
  updatedAt: z.string().nullable(),
};

const snapshotSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  generation: z.number().int().nonnegative(),
  createdAt: z.string(),
  owner: z.object({ apiBase: z.string(), user: z.string() }).nullable(),
  items: z.array(
    z.object({
      line: z.number().int().positive(),
      input: z.string(),
      target: z.object({ form: z.enum(['screen_name', 'user_id', 'id']), value: z.string().min(1) }),
      ...itemFields,
    }),
  ),
});

const journalRecordSchema = z.object({ index: z.number().int().nonnegative(), ...itemFields });

type JournalRecord = z.infer<typeof journalRecordSchema>;

export type OpenBulkStore = { ok: true; store: FileBulkStore } | { ok: false; error: BulkStoreError };

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a file is in the way of the directory';
    default:
      return (error as Error).message;
  }
}

function ioError(kind: BulkStoreError['kind'], path: string, what: string, error: unknown): BulkStoreError {
  return { kind, path, message: `${what} ${path}: ${describe(error)}.` };
}

function corrupt(path: string, detail: string): BulkStoreError {
  return {
    kind: 'corrupt',
    path,
    message: `The bulk state file ${path} is damaged (${detail}). Move the state directory away to start over.`,
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function takeLock(dir: string): Promise<BulkStoreError | null> {
  const path = join(dir, LOCK);
  const held = await readFile(path, 'utf8').catch(() => null);
  const holder = held === null ? NaN : Number.parseInt(held, 10);
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    return {
      kind: 'locked',
      path,
      message: `Another Befriend process (pid ${holder}) is working from ${dir}; wait for it to finish or stop it.`,
    };
  }
  try {
    // The lock is a durable file: the same write proves the directory is writable before anything is sent.
    await writeFileAtomic(path, `${process.pid}\n`);
  } catch (error) {
    return ioError('unwritable', dir, 'Cannot write the state directory', error);
  }
  return null;
}

function applyRecord(item: BulkItem, record: JournalRecord): void {
  item.state = record.state as BulkItem['state'];
  item.outcome = record.outcome;
  item.error = record.error as BulkItem['error'];
  item.attempts = record.attempts;
  item.user = record.user;
  item.updatedAt = record.updatedAt;
}

function toRecord(item: BulkItem): JournalRecord {
  const { index, state, outcome, error, attempts, user, updatedAt } = item;
  return { index, state, outcome, error, attempts, user, updatedAt };
}

export class FileBulkStore implements BulkStore {
  private readonly dirty = new Set<number>();
  private journal: FileHandle | null = null;
  private journalLines: number;
  private writing: Promise<BulkStoreError | null> = Promise.resolve(null);
  private closed = false;

  constructor(
    readonly dir: string,
    readonly items: BulkItem[],
    readonly owner: BulkOwner | null,
    private generation: number,
    private readonly createdAt: string,
    journalLines: number,
  ) {
    this.journalLines = journalLines;
  }

  record(item: BulkItem): void {
    this.dirty.add(item.index);
  }

  addItems(items: BulkItem[]): Promise<BulkStoreError | null> {
    this.items.push(...items);
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
    await unlink(join(this.dir, LOCK)).catch(() => undefined);
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
    const limit = Math.max(MIN_JOURNAL_LINES_BEFORE_COMPACTION, JOURNAL_LINES_PER_ITEM_BEFORE_COMPACTION * this.items.length);
    if (this.journalLines + this.dirty.size > limit) {
      return this.compact();
    }
    let text = '';
    for (const index of this.dirty) text += `${JSON.stringify(toRecord(this.items[index]!))}\n`;
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
    const snapshot = {
      format: FORMAT,
      version: 1,
      generation,
      createdAt: this.createdAt,
      owner: this.owner,
      items: this.items.map(({ line, input, target, state, outcome, error, attempts, user, updatedAt }) => ({
        line,
        input,
        target,
        state,
        outcome,
        error,
        attempts,
        user,
        updatedAt,
      })),
    };
    this.dirty.clear();
    const path = join(this.dir, SNAPSHOT);
    try {
      await writeFileAtomic(path, JSON.stringify(snapshot));
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

/** Reads a journal, ignoring a last line cut short by a crash (and cutting it off the file). */
async function readJournal(path: string, items: BulkItem[]): Promise<{ lines: number } | BulkStoreError> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: 0 };
    return ioError('io', path, 'Cannot read', error);
  }
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    try {
      await truncate(path, Buffer.byteLength(text.slice(0, complete)));
    } catch (error) {
      return ioError('unwritable', path, 'Cannot repair', error);
    }
  }
  const lines = text.slice(0, complete).split('\n');
  lines.pop();
  for (const [n, line] of lines.entries()) {
    let record: JournalRecord;
    try {
      record = journalRecordSchema.parse(JSON.parse(line));
    } catch {
      return corrupt(path, `line ${n + 1} is not a valid record`);
    }
    const item = items[record.index];
    if (item === undefined) return corrupt(path, `line ${n + 1} names item ${record.index}, which does not exist`);
    applyRecord(item, record);
  }
  return { lines: lines.length };
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
  const locked = await takeLock(dir);
  if (locked) return { ok: false, error: locked };
  const opened = await load(dir, owner, now);
  if (!opened.ok) await unlink(join(dir, LOCK)).catch(() => undefined);
  return opened;
}

async function load(dir: string, owner: BulkOwner | null, now: () => Date): Promise<OpenBulkStore> {
  const path = join(dir, SNAPSHOT);
  let text: string | null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      return { ok: false, error: ioError('io', path, 'Cannot read', error) };
    }
    text = null;
  }
  if (text === null) {
    await removeLeftovers(dir, 0);
    return { ok: true, store: new FileBulkStore(dir, [], owner, 0, now().toISOString(), 0) };
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: corrupt(path, 'it is not JSON') };
  }
  const parsed = snapshotSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: corrupt(path, `${issue?.path.join('.') || 'its content'}: ${issue?.message ?? 'unexpected shape'}`) };
  }
  const snapshot = parsed.data;
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
  const items: BulkItem[] = snapshot.items.map((item, index) => ({
    index,
    line: item.line,
    input: item.input,
    target: item.target,
    state: item.state as BulkItem['state'],
    outcome: item.outcome,
    error: item.error as BulkItem['error'],
    attempts: item.attempts,
    user: item.user,
    updatedAt: item.updatedAt,
  }));
  const journal = await readJournal(join(dir, journalName(snapshot.generation)), items);
  if ('kind' in journal) return { ok: false, error: journal };
  await removeLeftovers(dir, snapshot.generation);
  return {
    ok: true,
    store: new FileBulkStore(dir, items, snapshot.owner ?? owner, snapshot.generation, snapshot.createdAt, journal.lines),
  };
}
