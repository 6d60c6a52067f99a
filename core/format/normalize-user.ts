/**
 * A parsed user (JSON object or XML `<user>` element) to the `User` of spec §7. Every field is
 * read on its own and is null when missing, empty or not of its type; only the id and the screen
 * name are required, since without them there is nobody to show or follow.
 */
import { field, isFields, readBoolean, readCount, readId, readInteger, readText, readUrl, type Fields } from './field-values.js';
import { parseDate } from './parse-date.js';
import { parseSource } from './parse-source.js';
import type { Result } from '../result.js';
import type { LatestStatus, User } from '../types.js';

/** The error completes "The user …", e.g. "has no usable id". */
export type UserNormalization = Result<{ user: User }, string>;

/** v1.1 and later carry `*_str` twins of every id; they win, the number is the fallback. */
function readIdPair(fields: Fields, name: string): string | null {
  return readId(field(fields, `${name}_str`)) ?? readId(field(fields, name));
}

function readDate(value: unknown): string | null {
  const text = readText(value);
  return text === null ? null : parseDate(text);
}

/**
 * The user's own latest status. A retweet nests the original under `retweeted_status`; only the
 * status's own fields are read, so the original's text or author never stand in for them.
 */
function readStatus(value: unknown): LatestStatus | null {
  if (!isFields(value)) return null;
  const read = (name: string): unknown => field(value, name);
  const status: LatestStatus = {
    id: readIdPair(value, 'id'),
    // `full_text` replaces `text` in v1.1's extended mode.
    text: readText(read('text')) ?? readText(read('full_text')),
    createdAt: readDate(read('created_at')),
    source: parseSource(read('source')),
    truncated: readBoolean(read('truncated')),
    favorited: readBoolean(read('favorited')),
    inReplyToStatusId: readIdPair(value, 'in_reply_to_status_id'),
    inReplyToUserId: readIdPair(value, 'in_reply_to_user_id'),
    inReplyToScreenName: readText(read('in_reply_to_screen_name')),
  };
  return Object.values(status).every((read) => read === null) ? null : status;
}

export function normalizeUser(value: unknown): UserNormalization {
  if (!isFields(value)) return { ok: false, error: 'is not an object with fields' };
  const id = readIdPair(value, 'id');
  const screenName = readText(field(value, 'screen_name'));
  if (id === null && screenName === null) return { ok: false, error: 'has no id and no screen name' };
  if (id === null) return { ok: false, error: 'has no usable id' };
  if (screenName === null) return { ok: false, error: 'has no screen name' };
  const read = (name: string): unknown => field(value, name);
  return {
    ok: true,
    user: {
      id,
      screenName,
      name: readText(read('name')),
      location: readText(read('location')),
      description: readText(read('description')),
      url: readUrl(read('url')),
      // The https twin (v1.1) loads in a page that refuses mixed content.
      profileImageUrl: readUrl(read('profile_image_url_https')) ?? readUrl(read('profile_image_url')),
      protected: readBoolean(read('protected')),
      verified: readBoolean(read('verified')),
      followersCount: readCount(read('followers_count')),
      friendsCount: readCount(read('friends_count')),
      statusesCount: readCount(read('statuses_count')),
      favouritesCount: readCount(read('favourites_count')) ?? readCount(read('favorites_count')),
      createdAt: readDate(read('created_at')),
      utcOffset: readInteger(read('utc_offset')),
      timeZone: readText(read('time_zone')),
      following: readBoolean(read('following')),
      notifications: readBoolean(read('notifications')),
      followRequestSent: readBoolean(read('follow_request_sent')),
      latestStatus: readStatus(read('status')),
    },
  };
}
