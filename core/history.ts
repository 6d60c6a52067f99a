import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ApiError, FollowOutcome, User } from './types.js';

export type HistoryOutcome = FollowOutcome | 'unfollowed' | 'failed';

/** One follow (or undo) as it happened: who, whom, what came of it, the profile returned. */
export interface HistoryEntry {
  id: string;
  /** ISO time of the answer. */
  at: string;
  action: 'follow' | 'unfollow';
  accountId: string;
  accountLabel: string;
  /** The target as typed. */
  target: string;
  outcome: HistoryOutcome;
  user: User | null;
  error: ApiError | null;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'at'>;

export const DEFAULT_HISTORY_CAP = 500;

interface HistoryFile {
  version: 1;
  entries: HistoryEntry[];
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    typeof entry.at === 'string' &&
    (entry.action === 'follow' || entry.action === 'unfollow') &&
    typeof entry.accountId === 'string' &&
    typeof entry.target === 'string' &&
    typeof entry.outcome === 'string'
  );
}

/**
 * The follow history, newest first, in one JSON file. Every change rewrites the file atomically
 * (temp file, fsync, rename) so a crash leaves the old or the new list, never half of one.
 * Changes are serialized: two follows answering at once both land.
 */
export class HistoryStore {
  readonly path: string;
  readonly #cap: number;
  readonly #now: () => Date;
  #entries: HistoryEntry[] | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: { path: string; cap?: number; now?: () => Date }) {
    this.path = options.path;
    this.#cap = options.cap ?? DEFAULT_HISTORY_CAP;
    this.#now = options.now ?? (() => new Date());
  }

  /** Newest first; at most `limit`. */
  list(limit = this.#cap): Promise<HistoryEntry[]> {
    return this.#serial(async () => (await this.#load()).slice(0, limit));
  }

  add(entry: NewHistoryEntry): Promise<HistoryEntry> {
    return this.#serial(async () => {
      const full: HistoryEntry = { id: randomUUID(), at: this.#now().toISOString(), ...entry };
      const entries = [full, ...(await this.#load())].slice(0, this.#cap);
      await this.#save(entries);
      return full;
    });
  }

  /** Adds several at once, in the order they happened (the last ends up first): one write for a batch. */
  addMany(entries: readonly NewHistoryEntry[]): Promise<HistoryEntry[]> {
    return this.#serial(async () => {
      const at = this.#now().toISOString();
      const full = entries.map((entry): HistoryEntry => ({ id: randomUUID(), at, ...entry })).reverse();
      await this.#save([...full, ...(await this.#load())].slice(0, this.#cap));
      return full;
    });
  }

  clear(): Promise<void> {
    return this.#serial(() => this.#save([]));
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** A missing or unreadable file is an empty history: it is a log, not a source of truth. */
  async #load(): Promise<HistoryEntry[]> {
    if (this.#entries !== null) return this.#entries;
    let entries: HistoryEntry[] = [];
    try {
      const parsed: unknown = JSON.parse(await readFile(this.path, 'utf8'));
      const list = (parsed as Partial<HistoryFile> | null)?.entries;
      if (Array.isArray(list)) entries = list.filter(isEntry).slice(0, this.#cap);
    } catch {
      entries = [];
    }
    this.#entries = entries;
    return entries;
  }

  async #save(entries: HistoryEntry[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.${randomUUID()}.tmp`;
    const body: HistoryFile = { version: 1, entries };
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(body));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    this.#entries = entries;
  }
}
