/**
 * A parsed user (JSON object or XML `<user>` element) to the `User` of spec §7. Every field is
 * read on its own and is null when missing, empty or not of its type; only the id and the screen
 * name are required, since without them there is nobody to show or follow.
 */
import { isFields, readBoolean, readCount, readId, readInteger, readText, readUrl } from './field-values.js';
import { parseDate } from './parse-date.js';
import { parseSource } from './parse-source.js';
import type { LatestStatus, User, UserBrief } from '../types.js';

/** `problem` completes "The user …", e.g. "has no usable id". */
export type Normalization<U> = { ok: true; user: U } | { ok: false; problem: string };
export type UserNormalization = Normalization<User>;

/**
 * Every name read below, for the test that keeps them off Object.prototype: fields are read as
 * plain properties (this runs on every follow, and a named read is far cheaper than a guarded
 * lookup), which is safe only because a name Object.prototype lacks can never be inherited.
 */
export const USER_FIELD_NAMES = [
  'id', 'id_str', 'screen_name', 'name', 'location', 'description', 'url',
  'profile_image_url', 'profile_image_url_https', 'protected', 'verified', 'followers_count',
  'friends_count', 'statuses_count', 'favourites_count', 'favorites_count', 'created_at',
  'utc_offset', 'time_zone', 'following', 'notifications', 'follow_request_sent', 'status',
] as const;

export const STATUS_FIELD_NAMES = [
  'id', 'id_str', 'text', 'full_text', 'created_at', 'source', 'truncated', 'favorited',
  'in_reply_to_status_id', 'in_reply_to_status_id_str', 'in_reply_to_user_id',
  'in_reply_to_user_id_str', 'in_reply_to_screen_name',
] as const;

type Raw<Name extends string> = { readonly [K in Name]?: unknown };
type RawUser = Raw<(typeof USER_FIELD_NAMES)[number]>;
type RawStatus = Raw<(typeof STATUS_FIELD_NAMES)[number]>;

/** v1.1 and later carry `*_str` twins of every id; they win, the number is the fallback. */
function readIdPair(exact: unknown, number: unknown): string | null {
  return readId(exact) ?? readId(number);
}

function readDate(value: unknown): string | null {
  const text = readText(value);
  return text === null ? null : parseDate(text);
}

function isEmpty(status: LatestStatus): boolean {
  for (const key in status) {
    if (status[key as keyof LatestStatus] !== null) return false;
  }
  return true;
}

/**
 * The user's own latest status. A retweet nests the original under `retweeted_status`; only the
 * status's own fields are read, so the original's text or author never stand in for them.
 */
function readStatus(value: unknown): LatestStatus | null {
  if (!isFields(value)) return null;
  const raw: RawStatus = value;
  const status: LatestStatus = {
    id: readIdPair(raw.id_str, raw.id),
    // `full_text` replaces `text` in v1.1's extended mode.
    text: readText(raw.text) ?? readText(raw.full_text),
    createdAt: readDate(raw.created_at),
    source: parseSource(raw.source),
    truncated: readBoolean(raw.truncated),
    favorited: readBoolean(raw.favorited),
    inReplyToStatusId: readIdPair(raw.in_reply_to_status_id_str, raw.in_reply_to_status_id),
    inReplyToUserId: readIdPair(raw.in_reply_to_user_id_str, raw.in_reply_to_user_id),
    inReplyToScreenName: readText(raw.in_reply_to_screen_name),
  };
  return isEmpty(status) ? null : status;
}

function isInexact(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/**
 * Whether a user (or a list of them) parsed from JSON has an id that a double could not hold
 * exactly: only then need the text be read again with its long integers kept as digits. The
 * `*_str` twins are strings and never lose digits.
 */
export function hasInexactId(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(userHasInexactId);
  return userHasInexactId(value);
}

function userHasInexactId(value: unknown): boolean {
  if (!isFields(value)) return false;
  const raw: RawUser = value;
  if (isInexact(raw.id)) return true;
  if (!isFields(raw.status)) return false;
  const status: RawStatus = raw.status;
  return isInexact(status.id) || isInexact(status.in_reply_to_status_id) || isInexact(status.in_reply_to_user_id);
}

/**
 * Reads the id and screen name every user needs (without them there is nobody to show or
 * follow), then the rest with `build`: the full and the brief reading accept and refuse alike.
 */
function normalizeWith<U>(value: unknown, build: (raw: RawUser, id: string, screenName: string) => U): Normalization<U> {
  if (!isFields(value)) return { ok: false, problem: 'is not an object with fields' };
  const raw: RawUser = value;
  const id = readIdPair(raw.id_str, raw.id);
  const screenName = readText(raw.screen_name);
  if (id === null && screenName === null) return { ok: false, problem: 'has no id and no screen name' };
  if (id === null) return { ok: false, problem: 'has no usable id' };
  if (screenName === null) return { ok: false, problem: 'has no screen name' };
  return { ok: true, user: build(raw, id, screenName) };
}

function fullUser(raw: RawUser, id: string, screenName: string): User {
  return {
    id,
    screenName,
    name: readText(raw.name),
    location: readText(raw.location),
    description: readText(raw.description),
    url: readUrl(raw.url),
    // The https twin (v1.1) loads in a page that refuses mixed content.
    profileImageUrl: readUrl(raw.profile_image_url_https) ?? readUrl(raw.profile_image_url),
    protected: readBoolean(raw.protected),
    verified: readBoolean(raw.verified),
    followersCount: readCount(raw.followers_count),
    friendsCount: readCount(raw.friends_count),
    statusesCount: readCount(raw.statuses_count),
    favouritesCount: readCount(raw.favourites_count) ?? readCount(raw.favorites_count),
    createdAt: readDate(raw.created_at),
    utcOffset: readInteger(raw.utc_offset),
    timeZone: readText(raw.time_zone),
    following: readBoolean(raw.following),
    notifications: readBoolean(raw.notifications),
    followRequestSent: readBoolean(raw.follow_request_sent),
    latestStatus: readStatus(raw.status),
  };
}

function briefUser(raw: RawUser, id: string, screenName: string): UserBrief {
  return { id, screenName, following: readBoolean(raw.following), followRequestSent: readBoolean(raw.follow_request_sent) };
}

export function normalizeUser(value: unknown): UserNormalization {
  return normalizeWith(value, fullUser);
}

/** Only the fields a run of follows keeps: the user's dates, links and latest status are left unread. */
export function normalizeUserBrief(value: unknown): Normalization<UserBrief> {
  return normalizeWith(value, briefUser);
}
