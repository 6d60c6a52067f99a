import type { Account } from '../account.js';
import type { BefriendClient } from '../client-api.js';
import { parseBaseUrl } from '../follow-request.js';
import type { Result } from '../result.js';
import type { ApiError } from '../types.js';
import { systemClock, type Clock } from './clock.js';
import type { BulkEntry } from './parse-bulk-input.js';
import { ReadPacer } from './read-pacer.js';
import { findByNames, readFollows, readFriendIds, type GraphReader, type Person } from './read-follows.js';

/**
 * Moving follows: who the source account follows, matched to people on the destination. On the
 * same server a person is the same id. On another server only the screen name carries over, so
 * such a match is flagged for review; a name the destination does not know is listed, never
 * guessed, and a name that could mean more than one person there is listed as ambiguous.
 */

export interface FollowMatch {
  /** 1-based position in the source's list: the line of the bulk item it becomes. */
  position: number;
  source: Person;
  target: Person;
  byName: boolean;
}

export interface CopyPlan {
  sameServer: boolean;
  /** Everyone the source follows (that the server could name). */
  sourceCount: number;
  toFollow: FollowMatch[];
  alreadyFollowed: FollowMatch[];
  notFound: Person[];
  ambiguous: { source: Person; candidates: Person[] }[];
  /** The destination account itself, which the source followed: nothing to do. */
  yourself: number;
}

export interface CopyPlanOptions {
  client: Pick<BefriendClient, 'friendIdsPage' | 'friendsPage' | 'lookupUsers' | 'show' | 'verifyCredentials'>;
  from: Account;
  to: Account;
  clock?: Clock;
  signal?: AbortSignal;
  /** Give up rather than wait longer than this for a read's rate limit; null waits. */
  maxWaitMs?: number | null;
  onWait?: (until: number) => void;
  /** Accounts read so far, as pages and batches arrive. */
  onRead?: (accounts: number) => void;
}

/** A read that failed, and on which side: people need to know which account to fix. */
export type CopyFailure = ApiError & { side: 'from' | 'to' };

function on(side: CopyFailure['side'], failed: { error: ApiError }): { ok: false; error: CopyFailure } {
  return { ok: false, error: { ...failed.error, side } };
}

function originOf(account: Account): string | null {
  const parsed = parseBaseUrl(account.apiBase, 'API address');
  return parsed.ok ? parsed.url.origin : null;
}

/** Both accounts on one server: then ids mean the same person on both sides. */
export function sameServer(from: Account, to: Account): boolean {
  const origin = originOf(from);
  return origin !== null && origin === originOf(to);
}

/** Matches on another server, by screen name; a destination person claimed by two source names is ambiguous for both. */
function matchByName(
  people: readonly Person[],
  found: Map<string, Person[]>,
): { matches: FollowMatch[]; notFound: Person[]; ambiguous: CopyPlan['ambiguous'] } {
  const claims = new Map<string, number>();
  for (const person of people) {
    const candidates = found.get(person.screenName.toLowerCase()) ?? [];
    if (candidates.length === 1) claims.set(candidates[0]!.id, (claims.get(candidates[0]!.id) ?? 0) + 1);
  }
  const result = { matches: [] as FollowMatch[], notFound: [] as Person[], ambiguous: [] as CopyPlan['ambiguous'] };
  people.forEach((person, index) => {
    const candidates = found.get(person.screenName.toLowerCase()) ?? [];
    if (candidates.length === 0) result.notFound.push(person);
    else if (candidates.length > 1 || claims.get(candidates[0]!.id)! > 1) result.ambiguous.push({ source: person, candidates });
    else result.matches.push({ position: index + 1, source: person, target: candidates[0]!, byName: true });
  });
  return result;
}

/** Reads both sides and sorts everyone the source follows; sends nothing but reads. */
export async function planCopy(options: CopyPlanOptions): Promise<Result<{ plan: CopyPlan }, CopyFailure>> {
  const pacerOf = () => new ReadPacer({ clock: options.clock ?? systemClock, signal: options.signal, maxWaitMs: options.maxWaitMs, onWait: options.onWait });
  const reader = (pacer: ReadPacer): GraphReader => ({ client: options.client, pacer, signal: options.signal, onRead: options.onRead });
  // Each account has its own rate-limit window, so each side has its own pacer.
  const fromReader = reader(pacerOf());
  const toReader = reader(pacerOf());

  const me = await toReader.pacer.read(() => options.client.verifyCredentials(options.to, { signal: options.signal }));
  if (!me.ok) return on('to', me);
  const source = await readFollows(fromReader, options.from);
  if (!source.ok) return on('from', source);
  const followed = await readFriendIds(toReader, options.to);
  if (!followed.ok) return on('to', followed);

  const same = sameServer(options.from, options.to);
  let matched: ReturnType<typeof matchByName>;
  if (same) {
    matched = {
      matches: source.people.map((person, index) => ({ position: index + 1, source: person, target: person, byName: false })),
      notFound: [],
      ambiguous: [],
    };
  } else {
    const found = await findByNames(toReader, options.to, [...new Set(source.people.map((p) => p.screenName.toLowerCase()))]);
    if (!found.ok) return on('to', found);
    const people = new Map([...found.found].map(([name, users]) => [name, users.map((u) => ({ id: u.id, screenName: u.screenName }))]));
    matched = matchByName(source.people, people);
  }

  const already = new Set(followed.items);
  const plan: CopyPlan = {
    sameServer: same,
    sourceCount: source.people.length,
    toFollow: [],
    alreadyFollowed: [],
    notFound: matched.notFound,
    ambiguous: matched.ambiguous,
    yourself: 0,
  };
  for (const match of matched.matches) {
    if (match.target.id === me.user.id) plan.yourself += 1;
    else if (already.has(match.target.id)) plan.alreadyFollowed.push(match);
    else plan.toFollow.push(match);
  }
  return { ok: true, plan };
}

/** The bulk queue's entries for a plan: by user id on the destination, named as the source knew them. */
export function copyEntries(plan: CopyPlan): BulkEntry[] {
  return plan.toFollow.map((match) => ({
    line: match.position,
    input: `@${match.source.screenName}`,
    target: { form: 'user_id', value: match.target.id },
  }));
}
