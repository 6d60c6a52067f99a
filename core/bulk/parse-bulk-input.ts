import { apiError } from '../errors.js';
import type { Result } from '../result.js';
import type { Account } from '../account.js';
import { isSelf, parseTarget, type NumericChoice, type Target, type TargetParse } from '../target.js';
import { MAX_BULK_ENTRIES } from './bulk-limits.js';
import { parseCsv, type CsvRecord } from './csv.js';

/**
 * Turns a pasted or imported list into targets: plain text (one per line), CSV with a
 * `screen_name` or `user_id` column, or a Twitter archive's `following.js`. Every entry is
 * validated with `parseTarget`; bad ones are reported by line and never queued.
 */

export type BulkInputKind = 'text' | 'csv' | 'following_js';

export interface BulkEntry {
  /** The line of the file the entry starts on (1-based). */
  line: number;
  /** What the person wrote, trimmed; shown back in lists and the export. */
  input: string;
  target: Target;
}

export interface BadLine {
  line: number;
  input: string;
  message: string;
}

export interface DuplicateLine {
  line: number;
  input: string;
  /** The line of the entry it repeats. */
  firstLine: number;
}

export interface ParsedBulkInput {
  kind: BulkInputKind;
  entries: BulkEntry[];
  bad: BadLine[];
  duplicates: DuplicateLine[];
}

export interface BulkInputError {
  kind: 'unreadable_input';
  message: string;
  line: number | null;
}

export type BulkInputParse = Result<{ input: ParsedBulkInput }, BulkInputError>;

function unreadable(message: string, line: number | null = null): BulkInputParse {
  return { ok: false, error: { kind: 'unreadable_input', message, line } };
}

export interface BulkInputOptions {
  /** What a bare number means in plain text; user_id unless the person says otherwise. */
  numericAs?: NumericChoice;
  /** Forces a kind instead of guessing from the content. */
  kind?: BulkInputKind;
  /**
   * The account the list is for, when known: profile URLs on another server and the account
   * itself are bad lines, not follows.
   */
  account?: Pick<Account, 'apiBase' | 'self'> | null;
  /** More accounts than this and the list is refused; default MAX_BULK_ENTRIES. */
  maxEntries?: number;
}

/** Thrown from deep in a parse to stop it at the cap, so a huge list never becomes huge arrays. */
class TooManyEntries extends Error {
  constructor(
    readonly line: number,
    readonly of: 'accounts' | 'skipped',
  ) {
    super(`too many ${of}`);
  }
}

/** The same words as the client's refusal, so a list says what a single follow would. */
const SELF_FOLLOW = 'That is the account you are signed in with: you cannot follow yourself.';

const ARCHIVE_PREFIX = /^\s*window\.YTD\.[A-Za-z_]+\.part\d+\s*=\s*/;
const ID_COLUMNS = ['user_id', 'userid', 'id', 'accountid', 'account_id'];
const NAME_COLUMNS = ['screen_name', 'screenname', 'username', 'handle'];

/** A key under which two entries name the same account; screen names compare case-insensitively. */
export function targetKey(target: Target): string {
  return target.form === 'user_id' ? `user_id:${target.value}` : `screen_name:${target.value.toLowerCase()}`;
}

function normalizedHeader(field: string): string {
  return field.trim().toLowerCase().replace(/\s+/g, '_');
}

export function detectBulkInputKind(text: string): BulkInputKind {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (ARCHIVE_PREFIX.test(body)) return 'following_js';
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const headers = firstLine.split(',').map((h) => normalizedHeader(h.trim().replace(/^"|"$/g, '')));
  // A one-column file is a CSV only under the two documented names: "handle" alone could be an account.
  if (headers.length === 1) return headers[0] === 'screen_name' || headers[0] === 'user_id' ? 'csv' : 'text';
  return headers.some((h) => ID_COLUMNS.includes(h) || NAME_COLUMNS.includes(h)) ? 'csv' : 'text';
}

class EntryCollector {
  readonly entries: BulkEntry[] = [];
  readonly bad: BadLine[] = [];
  readonly duplicates: DuplicateLine[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly self: Account['self'] = null,
  ) {}

  add(line: number, input: string, parse: TargetParse): void {
    // Bad and duplicate lines are kept too, so they have a cap of their own.
    if (this.bad.length + this.duplicates.length >= this.maxEntries) throw new TooManyEntries(line, 'skipped');
    if (!parse.ok) {
      this.bad.push({ line, input, message: parse.error.message });
      return;
    }
    if (isSelf(parse.target, this.self)) {
      this.bad.push({ line, input, message: SELF_FOLLOW });
      return;
    }
    const key = targetKey(parse.target);
    const firstLine = this.seen.get(key);
    if (firstLine !== undefined) {
      this.duplicates.push({ line, input, firstLine });
      return;
    }
    if (this.entries.length >= this.maxEntries) throw new TooManyEntries(line, 'accounts');
    this.seen.set(key, line);
    this.entries.push({ line, input, target: parse.target });
  }

  result(kind: BulkInputKind): ParsedBulkInput {
    return { kind, entries: this.entries, bad: this.bad, duplicates: this.duplicates };
  }
}

/** Line by line without splitting the whole text first: a list past the cap stops at the cap. */
function parseText(text: string, numericAs: NumericChoice, server: string | undefined, collector: EntryCollector): ParsedBulkInput {
  const lineEnd = /\r\n|\r|\n/g;
  let start = text.startsWith('\uFEFF') ? 1 : 0;
  for (let line = 1; start <= text.length; line += 1) {
    const end = lineEnd.exec(text);
    const input = text.slice(start, end === null ? text.length : end.index).trim();
    start = end === null ? text.length + 1 : lineEnd.lastIndex;
    // Blank lines and `#` comments let people annotate a list they keep by hand.
    if (input !== '' && !input.startsWith('#')) collector.add(line, input, parseTarget(input, { numericAs, server }));
  }
  return collector.result('text');
}

function columnIndex(headers: string[], names: readonly string[]): number {
  return headers.findIndex((h) => names.includes(h));
}

function parseCsvInput(text: string, collector: EntryCollector): BulkInputParse {
  const csv = parseCsv(text);
  if (!csv.ok) return unreadable(csv.message, csv.line);
  const [header, ...rows] = csv.records;
  if (header === undefined) return { ok: true, input: collector.result('csv') };
  const headers = header.fields.map(normalizedHeader);
  const idColumn = columnIndex(headers, ID_COLUMNS);
  const nameColumn = columnIndex(headers, NAME_COLUMNS);
  if (idColumn < 0 && nameColumn < 0) return unreadable('The CSV has no screen_name or user_id column in its first row.', header.line);
  for (const row of rows) collector.add(row.line, ...csvRowTarget(row, idColumn, nameColumn));
  return { ok: true, input: collector.result('csv') };
}

/** A row names its account by id when it has one (ids survive renames), else by screen name. */
function csvRowTarget(
  row: CsvRecord,
  idColumn: number,
  nameColumn: number,
): [string, TargetParse] {
  const id = idColumn >= 0 ? (row.fields[idColumn] ?? '').trim() : '';
  if (id !== '') return [id, parseTarget(id, { numericAs: 'user_id' })];
  const name = nameColumn >= 0 ? (row.fields[nameColumn] ?? '').trim() : '';
  const bare = name.startsWith('@') ? name.slice(1) : name;
  return [name, parseTarget(`@${bare}`)];
}

function refused(message: string): TargetParse {
  return { ok: false, ambiguous: false, error: apiError('invalid_request', message) };
}

/** Line numbers of each `{"following": …}` object, in order, found without a second parser. */
function archiveEntryLines(text: string): number[] {
  let line = 1;
  let from = 0;
  return [...text.matchAll(/"following"\s*:/g)].map(({ index }) => {
    line += text.slice(from, index).split('\n').length - 1;
    from = index;
    return line;
  });
}

function parseFollowingJs(text: string, collector: EntryCollector): BulkInputParse {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const prefix = ARCHIVE_PREFIX.exec(body);
  const json = (prefix ? body.slice(prefix[0].length) : body).replace(/;\s*$/, '');
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return unreadable(`This is not a readable following.js from a Twitter archive (${(error as Error).message}).`);
  }
  if (!Array.isArray(data)) return unreadable('following.js should hold a list of accounts.');
  const lines = archiveEntryLines(body);
  data.forEach((element: unknown, index) => {
    const line = lines[index] ?? index + 1;
    const accountId = (element as { following?: { accountId?: unknown } } | null)?.following?.accountId;
    if (typeof accountId !== 'string' && typeof accountId !== 'number') {
      collector.add(line, JSON.stringify(element) ?? '', refused('This entry has no accountId.'));
    } else if (typeof accountId === 'number' && !Number.isSafeInteger(accountId)) {
      collector.add(line, String(accountId), refused('This accountId is a number too large to read exactly: it should be in quotes.'));
    } else if (!/^[0-9]+$/.test(String(accountId).trim())) {
      // An archive's accountId is always digits; anything else is not read as a screen name.
      collector.add(line, String(accountId), refused('This accountId is not a whole number.'));
    } else {
      collector.add(line, String(accountId), parseTarget(String(accountId), { numericAs: 'user_id' }));
    }
  });
  return { ok: true, input: collector.result('following_js') };
}

function parseKind(text: string, kind: BulkInputKind, options: BulkInputOptions, collector: EntryCollector): BulkInputParse {
  switch (kind) {
    case 'following_js':
      return parseFollowingJs(text, collector);
    case 'csv':
      return parseCsvInput(text, collector);
    case 'text':
      return { ok: true, input: parseText(text, options.numericAs ?? 'user_id', options.account?.apiBase, collector) };
  }
}

export function parseBulkInput(text: string, options: BulkInputOptions = {}): BulkInputParse {
  const maxEntries = options.maxEntries ?? MAX_BULK_ENTRIES;
  try {
    return parseKind(text, options.kind ?? detectBulkInputKind(text), options, new EntryCollector(maxEntries, options.account?.self));
  } catch (error) {
    if (!(error instanceof TooManyEntries)) throw error;
    const cap = maxEntries.toLocaleString('en-US');
    const message =
      error.of === 'accounts'
        ? `This list names more than ${cap} accounts; one bulk follow takes at most ${cap}. Split it into several lists.`
        : `This list has more than ${cap} bad or repeated lines; is it the right file?`;
    return unreadable(message, error.line);
  }
}
