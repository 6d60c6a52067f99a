import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './bulk/atomic-file.js';
import { historyUser, type HistoryEntry, type HistoryOutcome, type HistoryUser, type NewHistoryEntry } from './history-entry.js';

const DEFAULT_HISTORY_CAP = 500;
/** One entry per line, oldest first: a follow appends a line instead of rewriting the file. */
export const HISTORY_FILE = 'history.jsonl';
/** Earlier builds kept the whole list as one JSON document; it is read once and replaced. */
export const LEGACY_HISTORY_FILE = 'history.json';

const OUTCOMES: readonly HistoryOutcome[] = ['followed', 'request_pending', 'already_following', 'unfollowed', 'failed'];

function isUser(value: unknown): value is HistoryUser {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return typeof user.id === 'string' && typeof user.screenName === 'string';
}

/** An entry read back from disk, in today's shape; null for anything that is not one. */
function readEntry(value: unknown): HistoryEntry | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  const { id, at, action, accountId, accountLabel, target, outcome, user, error } = entry;
  if (typeof id !== 'string' || typeof at !== 'string' || typeof accountId !== 'string' || typeof target !== 'string') return null;
  if ((action !== 'follow' && action !== 'unfollow') || !OUTCOMES.includes(outcome as HistoryOutcome)) return null;
  return {
    id,
    at,
    action,
    accountId,
    accountLabel: typeof accountLabel === 'string' ? accountLabel : '',
    target,
    outcome: outcome as HistoryOutcome,
    user: isUser(user) ? historyUser(user) : null,
    error: typeof error === 'object' && error !== null ? (error as HistoryEntry['error']) : null,
  };
}

/** The lines of the file, oldest first; a line that does not parse (a crash mid-append) is skipped. */
function parseLines(text: string): { entries: HistoryEntry[]; lines: number; clean: boolean } {
  const entries: HistoryEntry[] = [];
  let lines = 0;
  let clean = true;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    lines += 1;
    let entry: HistoryEntry | null = null;
    try {
      entry = readEntry(JSON.parse(line));
    } catch {
      entry = null;
    }
    if (entry === null) clean = false;
    else entries.push(entry);
  }
  return { entries, lines, clean: clean && (text === '' || text.endsWith('\n')) };
}

function toLines(oldestFirst: readonly HistoryEntry[]): string {
  return oldestFirst.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

/**
 * The follow history, newest first. It lives in memory, where an entry lands the moment it is
 * added (so the answer to a follow never waits for the disk), and in `history.jsonl`, which a
 * later turn of the event loop appends to. Every disk step runs in one queue, in order; the file
 * is rewritten (atomically: temp file, fsync, rename) only when it has grown to twice the cap,
 * after a torn or failed write, and when cleared. A write that fails is reported through
 * `onWriteError` and tried again with the next one.
 */
export class HistoryLog {
  readonly #path: string;
  readonly #legacyPath: string;
  readonly #cap: number;
  readonly #now: () => Date;
  readonly #onWriteError: (error: unknown) => void;
  /** Newest first, capped; null until the file has been read. */
  #entries: HistoryEntry[] | null = null;
  #loading: Promise<void> | null = null;
  /** Added but not on disk yet, oldest first. */
  #unwritten: HistoryEntry[] = [];
  /** Lines in the file: past twice the cap, the next write compacts it to the cap. */
  #lines = 0;
  /** The file may hold a torn line or miss entries: the next write replaces it whole. */
  #needsRewrite = false;
  /** Cleared before the file was read: whatever it held is gone. */
  #cleared = false;
  #disk: Promise<unknown> = Promise.resolve();
  #flushQueued = false;

  constructor(options: { dir: string; onWriteError: (error: unknown) => void; cap?: number; now?: () => Date }) {
    this.#path = join(options.dir, HISTORY_FILE);
    this.#legacyPath = join(options.dir, LEGACY_HISTORY_FILE);
    this.#onWriteError = options.onWriteError;
    this.#cap = options.cap ?? DEFAULT_HISTORY_CAP;
    this.#now = options.now ?? (() => new Date());
  }

  /** Newest first; at most `limit`. */
  async list(limit = this.#cap): Promise<HistoryEntry[]> {
    await this.#load();
    return this.#entries!.slice(0, limit);
  }

  add(entry: NewHistoryEntry): HistoryEntry {
    const [added] = this.addMany([entry]);
    return added!;
  }

  /** Several at once, in the order they happened (the last ends up first), written together. */
  addMany(entries: readonly NewHistoryEntry[]): HistoryEntry[] {
    const at = this.#now().toISOString();
    const added = entries.map((entry): HistoryEntry => ({ ...entry, id: randomUUID(), at, user: entry.user && historyUser(entry.user) }));
    for (const entry of added) this.#unwritten.push(entry);
    if (this.#entries !== null) this.#remember(added);
    this.#queueFlush();
    return added;
  }

  /** Empties the list at once and the file before it resolves; rejects when the file cannot be emptied. */
  clear(): Promise<void> {
    this.#unwritten = [];
    if (this.#entries !== null) this.#entries = [];
    else this.#cleared = true;
    return this.#onDisk(() => this.#rewrite([]));
  }

  /** Resolves once everything added so far has been written, or its failure reported. */
  flush(): Promise<void> {
    if (this.#unwritten.length > 0) this.#queueFlush();
    return this.#disk.then(() => undefined);
  }

  #remember(newOnes: readonly HistoryEntry[]): void {
    const entries = this.#entries!;
    entries.unshift(...[...newOnes].reverse());
    if (entries.length > this.#cap) entries.length = this.#cap;
  }

  /** Runs `work` after every disk step queued before it; the queue goes on whatever it does. */
  #onDisk<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#disk.then(work, work);
    this.#disk = next.catch(() => undefined);
    return next;
  }

  #load(): Promise<void> {
    this.#loading ??= this.#onDisk(() => this.#read());
    return this.#loading;
  }

  #queueFlush(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    void this.#load();
    // A turn of the event loop first: whatever added the entry answers before any of this runs.
    void this.#onDisk(() => new Promise<void>((resume) => setImmediate(resume)).then(() => this.#flush()));
  }

  async #flush(): Promise<void> {
    this.#flushQueued = false;
    const batch = this.#unwritten;
    if (batch.length === 0 && !this.#needsRewrite) return;
    this.#unwritten = [];
    try {
      if (this.#needsRewrite || this.#lines + batch.length > 2 * this.#cap) await this.#rewrite(this.#entries ?? []);
      else await this.#append(batch);
    } catch (error) {
      this.#unwritten = [...batch, ...this.#unwritten];
      this.#needsRewrite = true;
      this.#onWriteError(error);
    }
  }

  /** A missing or unreadable file is an empty history: it is a log, not a source of truth. */
  async #read(): Promise<void> {
    let stored: HistoryEntry[] = [];
    try {
      const { entries, lines, clean } = parseLines(await readFile(this.#path, 'utf8'));
      stored = entries.reverse();
      this.#lines = lines;
      this.#needsRewrite = !clean;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') stored = await this.#readLegacy();
    }
    const entries = [...this.#unwritten].reverse();
    if (!this.#cleared) for (const entry of stored) entries.push(entry);
    this.#entries = entries.slice(0, this.#cap);
  }

  /** The list an earlier build kept, newest first; written out as `history.jsonl` by the next write. */
  async #readLegacy(): Promise<HistoryEntry[]> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(this.#legacyPath, 'utf8'));
    } catch {
      return [];
    }
    const list = (parsed as { entries?: unknown } | null)?.entries;
    if (!Array.isArray(list)) return [];
    const entries = list.map(readEntry).filter((entry) => entry !== null);
    this.#needsRewrite = true;
    this.#queueFlush();
    return entries.slice(0, this.#cap);
  }

  async #append(batch: readonly HistoryEntry[]): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    const handle = await open(this.#path, 'a', 0o600);
    try {
      await handle.writeFile(toLines(batch));
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.#lines += batch.length;
  }

  /** Replaces the file with these entries (newest first) and removes an earlier build's file. */
  async #rewrite(newestFirst: readonly HistoryEntry[]): Promise<void> {
    await mkdir(dirname(this.#path), { recursive: true });
    await writeFileAtomic(this.#path, toLines([...newestFirst].reverse()));
    this.#lines = newestFirst.length;
    this.#needsRewrite = false;
    await rm(this.#legacyPath, { force: true });
  }
}
