import type { Account } from '../account.js';
import type { BefriendClient } from '../client-api.js';
import { apiError } from '../errors.js';
import { LOOKUP_BATCH, type GraphPage } from '../follow-request.js';
import { LAST_CURSOR } from '../format/parse-graph-body.js';
import type { Result } from '../result.js';
import type { User } from '../types.js';
import type { ReadPacer } from './read-pacer.js';

/**
 * Reading an account's follows: friends/ids page by page, then users/lookup in batches of 100 for
 * the names. Where users/lookup answers 404 (GNU social has none), statuses/friends gives the
 * users themselves, page by page. Every read goes through the pacer, so the rate limit for GETs
 * is kept.
 */

export type GraphClient = Pick<BefriendClient, 'friendIdsPage' | 'friendsPage' | 'lookupUsers' | 'show'>;

export interface Person {
  id: string;
  screenName: string;
}

export interface GraphReader {
  client: GraphClient;
  pacer: ReadPacer;
  signal?: AbortSignal | undefined;
  /** Told after every page or batch, with how many accounts have been read so far. */
  onRead?: ((accounts: number) => void) | undefined;
}

/** More pages than any real account has: a server that never ends its list is cut off here. */
const MAX_PAGES = 10_000;

function cancelled(): Result<never> {
  return { ok: false, error: apiError('invalid_request', 'Cancelled.') };
}

type Page<T> = Result<{ items: T[]; nextCursor: string | null }>;

/**
 * Every page: by cursor from -1 until the server says 0. Where the answer is a bare list instead
 * (GNU social ignores `cursor`, and its first page may be of another size), the list is read
 * again by page number from 1, until a page is empty or, past the first, brings no one new. A cursor seen twice would loop
 * forever, so it ends the read.
 */
async function allPages<T>(
  reader: GraphReader,
  page: (at: GraphPage) => Promise<Page<T>>,
  keyOf: (item: T) => string,
): Promise<Result<{ items: T[] }>> {
  const items: T[] = [];
  const keys = new Set<string>();
  const cursors = new Set<string>();
  let at: GraphPage = { cursor: '-1' };
  for (let pages = 0; ; pages += 1) {
    if (reader.signal?.aborted) return cancelled();
    if ('cursor' in at && (cursors.has(at.cursor) || pages >= MAX_PAGES)) {
      return { ok: false, error: apiError('bad_response', `The server sent the page cursor ${at.cursor} again: its list never ends.`) };
    }
    if ('cursor' in at) cursors.add(at.cursor);
    const answer = await page(at);
    if (!answer.ok) return answer;
    const fresh = answer.items.filter((item) => !keys.has(keyOf(item)));
    for (const item of fresh) keys.add(keyOf(item));
    items.push(...fresh);
    reader.onRead?.(items.length);
    if ('cursor' in at && answer.nextCursor !== null) {
      if (answer.nextCursor === LAST_CURSOR) break;
      at = { cursor: answer.nextCursor };
    } else if ('cursor' in at) {
      at = { page: 1 };
    } else if (answer.items.length === 0 || (at.page > 1 && fresh.length === 0) || pages >= MAX_PAGES) {
      // Page 1 repeats what the cursored ask brought; past it, a page of no one new is the end.
      break;
    } else {
      at = { page: at.page + 1 };
    }
  }
  return { ok: true, items };
}

export function readFriendIds(reader: GraphReader, account: Account): Promise<Result<{ items: string[] }>> {
  return allPages(
    reader,
    async (at) => {
      const answer = await reader.pacer.read(() => reader.client.friendIdsPage(account, at, { signal: reader.signal }));
      return answer.ok ? { ok: true, items: answer.ids, nextCursor: answer.nextCursor } : answer;
    },
    (id) => id,
  );
}

function readFriends(reader: GraphReader, account: Account): Promise<Result<{ items: User[] }>> {
  return allPages(
    reader,
    async (at) => {
      const answer = await reader.pacer.read(() => reader.client.friendsPage(account, at, { signal: reader.signal }));
      return answer.ok ? { ok: true, items: answer.users, nextCursor: answer.nextCursor } : answer;
    },
    (user) => user.id,
  );
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += LOOKUP_BATCH) out.push(items.slice(i, i + LOOKUP_BATCH));
  return out;
}

/**
 * Three look-ups at once: the next batches are on their way while the last one's users are read
 * (two left a busy machine well short of the server's pace; the rate limit is kept either way).
 */
const LOOKUP_CONCURRENCY = 3;

/**
 * users/lookup in batches, results in the order asked; `missing: true` when the server has no
 * users/lookup at all (the first batch, alone, tells).
 */
async function lookupAll(
  reader: GraphReader,
  account: Account,
  values: readonly string[],
): Promise<Result<{ users: User[] }> | { ok: false; missing: true }> {
  const all = batches(values);
  const found: User[][] = [];
  let failure: Result<never> | null = null;
  let read = 0;
  const lookUp = async (index: number): Promise<Result<object> | 'missing'> => {
    const batch = all[index]!;
    const answer = await reader.pacer.read(() => reader.client.lookupUsers(account, { by: 'user_id', values: batch }, { signal: reader.signal }));
    // Twitter answers 404 when no one in the batch exists; on the first batch it may mean there is no users/lookup.
    if (!answer.ok && answer.error.kind === 'not_found') return index === 0 ? 'missing' : { ok: true };
    if (!answer.ok) return answer;
    found[index] = answer.users;
    read += answer.users.length;
    reader.onRead?.(read);
    return { ok: true };
  };
  const first = await lookUp(0);
  if (first === 'missing') return { ok: false, missing: true };
  if (!first.ok) return first;
  let next = 1;
  const worker = async (): Promise<void> => {
    while (next < all.length && failure === null) {
      if (reader.signal?.aborted) failure = cancelled();
      const done = failure ?? (await lookUp(next++));
      if (done !== 'missing' && !done.ok) failure = done;
    }
  };
  await Promise.all(Array.from({ length: LOOKUP_CONCURRENCY }, worker));
  return failure ?? { ok: true, users: found.flat() };
}

function personOf(user: User): Person {
  return { id: user.id, screenName: user.screenName };
}

/**
 * Whom `account` follows, in friends/ids order, with their screen names. People users/lookup
 * leaves out (suspended, or gone since) are left out here too: there is no name to match them by.
 */
export async function readFollows(reader: GraphReader, account: Account): Promise<Result<{ people: Person[] }>> {
  const ids = await readFriendIds(reader, account);
  if (!ids.ok) return ids;
  if (ids.items.length === 0) return { ok: true, people: [] };
  const looked = await lookupAll(reader, account, ids.items);
  if (looked.ok) {
    const byId = new Map(looked.users.map((user) => [user.id, user]));
    const people = ids.items.flatMap((id) => {
      const user = byId.get(id);
      return user ? [personOf(user)] : [];
    });
    return { ok: true, people };
  }
  if (!('missing' in looked)) return looked;
  const friends = await readFriends(reader, account);
  return friends.ok ? { ok: true, people: friends.items.map(personOf) } : friends;
}

/**
 * Everyone on `account`'s server with one of `names` (case-insensitively), keyed by the name in
 * lower case. Without users/lookup, each name is looked up with users/show.
 */
export async function findByNames(
  reader: GraphReader,
  account: Account,
  names: readonly string[],
): Promise<Result<{ found: Map<string, User[]> }>> {
  const found = new Map<string, User[]>();
  const add = (user: User): void => {
    const key = user.screenName.toLowerCase();
    const list = found.get(key) ?? [];
    if (!list.some((known) => known.id === user.id)) list.push(user);
    found.set(key, list);
  };
  for (const batch of batches(names)) {
    if (reader.signal?.aborted) return cancelled();
    const answer = await reader.pacer.read(() =>
      reader.client.lookupUsers(account, { by: 'screen_name', values: batch }, { signal: reader.signal }),
    );
    if (answer.ok) answer.users.forEach(add);
    else if (answer.error.kind !== 'not_found') return answer;
    // A 404 means no one in the batch exists, or no users/lookup: users/show tells the two apart per name.
    else {
      for (const name of batch) {
        const shown = await reader.pacer.read(() =>
          reader.client.show(account, { form: 'screen_name', value: name }, { signal: reader.signal }),
        );
        if (shown.ok) add(shown.user);
        else if (shown.error.kind !== 'not_found' && shown.error.kind !== 'forbidden') return shown;
      }
    }
    reader.onRead?.(found.size);
  }
  return { ok: true, found };
}
