import { readFile, truncate } from 'node:fs/promises';
import { z } from 'zod';
import type { Result } from '../result.js';
import { ERROR_KINDS } from '../types.js';
import { BULK_ITEM_STATES, type BulkItem, type BulkItemState, type BulkOwner, type BulkStoreError } from './bulk-types.js';

/**
 * What a state directory holds and how it reads: `queue.json`, a snapshot of every item, and
 * `journal-<n>.jsonl`, one line per item change since snapshot n. Everything read is checked
 * against a schema; what does not fit is reported as damage, never guessed at.
 */

export const SNAPSHOT = 'queue.json';
export const LOCK = 'lock';
const FORMAT = 'befriend-bulk-queue';
export const journalName = (generation: number): string => `journal-${generation}.jsonl`;
export const JOURNAL_PATTERN = /^journal-(\d+)\.jsonl$/;

const itemErrorSchema = z.object({
  kind: z.enum(ERROR_KINDS),
  status: z.number().int().nullable(),
  message: z.string(),
});

const itemFields = {
  state: z.enum(BULK_ITEM_STATES as [BulkItemState, ...BulkItemState[]]),
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

export interface Snapshot {
  generation: number;
  createdAt: string;
  owner: BulkOwner | null;
  items: BulkItem[];
}

const ERRNO_SENTENCES = new Map([
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EROFS', 'the file system is read-only'],
  ['ENOSPC', 'the disk is full'],
  ['ENOTDIR', 'a file is in the way of the directory'],
  ['EEXIST', 'a file is in the way of the directory'],
]);

export function ioError(kind: BulkStoreError['kind'], path: string, what: string, error: unknown): BulkStoreError {
  const reason = ERRNO_SENTENCES.get((error as NodeJS.ErrnoException).code ?? '') ?? (error as Error).message;
  return { kind, path, message: `${what} ${path}: ${reason}.` };
}

function corrupt(path: string, detail: string): BulkStoreError {
  return {
    kind: 'corrupt',
    path,
    message: `The bulk state file ${path} is damaged (${detail}). Move the state directory away to start over.`,
  };
}

/** The snapshot file's text. */
export function snapshotText(snapshot: Snapshot): string {
  // An item's index is its place in the list: not stored.
  const items = snapshot.items.map(({ index, ...item }) => item);
  return JSON.stringify({ format: FORMAT, version: 1, ...snapshot, items });
}

/** One journal line for an item's current state. */
export function journalLine(item: BulkItem): string {
  const { index, state, outcome, error, attempts, user, updatedAt } = item;
  return `${JSON.stringify({ index, state, outcome, error, attempts, user, updatedAt } satisfies JournalRecord)}\n`;
}

export function parseSnapshot(text: string, path: string): Result<{ snapshot: Snapshot }, BulkStoreError> {
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
  const { generation, createdAt, owner } = parsed.data;
  const items = parsed.data.items.map((item, index): BulkItem => ({ ...item, index }));
  return { ok: true, snapshot: { generation, createdAt, owner, items } };
}

function isRecord(line: string): boolean {
  try {
    return journalRecordSchema.safeParse(JSON.parse(line)).success;
  } catch {
    return false;
  }
}

/** Replays a journal onto `items`, ignoring a last line cut short by a crash (and cutting it off the file). */
export async function replayJournal(path: string, items: BulkItem[]): Promise<Result<{ lines: number }, BulkStoreError>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, lines: 0 };
    return { ok: false, error: ioError('io', path, 'Cannot read', error) };
  }
  const complete = text.lastIndexOf('\n') + 1;
  if (complete < text.length) {
    try {
      await truncate(path, Buffer.byteLength(text.slice(0, complete)));
    } catch (error) {
      return { ok: false, error: ioError('unwritable', path, 'Cannot repair', error) };
    }
  }
  const lines = text.slice(0, complete).split('\n');
  lines.pop();
  // A last line that is not a record (a torn write can leave NULs or a cut line and its end) is
  // repaired like a cut one: it is the change being written when the process died.
  const last = lines.at(-1);
  if (last !== undefined && !isRecord(last)) {
    lines.pop();
    try {
      await truncate(path, Buffer.byteLength(lines.map((line) => `${line}\n`).join('')));
    } catch (error) {
      return { ok: false, error: ioError('unwritable', path, 'Cannot repair', error) };
    }
  }
  for (const [n, line] of lines.entries()) {
    let record: JournalRecord;
    try {
      record = journalRecordSchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, error: corrupt(path, `line ${n + 1} is not a valid record`) };
    }
    const item = items[record.index];
    if (item === undefined) return { ok: false, error: corrupt(path, `line ${n + 1} names item ${record.index}, which does not exist`) };
    const { index, ...changes } = record;
    Object.assign(item, changes);
  }
  return { ok: true, lines: lines.length };
}
