/**
 * A parsed user (JSON object or XML `<user>` element) to the `User` of spec §7. Every field is
 * read on its own and is null when missing, empty or not of its type; only the id and the screen
 * name are required, since without them there is nobody to show or follow.
 */
import {
  field,
  isFields,
  readBoolean,
  readCount,
  readId,
  readInteger,
  readText,
  readUrl,
  type Fields,
} from './field-values.js';
import { parseDate } from './parse-date.js';
import { parseSource } from './parse-source.js';
import type { LatestStatus, User } from '../types.js';

/** `problem` completes "The user …", e.g. "has no usable id". */
export type UserNormalization = { ok: true; user: User } | { ok: false; problem: string };

/** v1.1 and later carry `*_str` twins of every id; they win, the number is the fallback. */
function readIdPair(fields: Fields, key: string): string | null {
  return readId(field(fields, `${key}_str`)) ?? readId(field(fields, key));
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
  const status: LatestStatus = {
    id: readIdPair(value, 'id'),
    // `full_text` replaces `text` in v1.1's extended mode.
    text: readText(field(value, 'text')) ?? readText(field(value, 'full_text')),
    createdAt: readDate(field(value, 'created_at')),
    source: parseSource(field(value, 'source')),
    truncated: readBoolean(field(value, 'truncated')),
    favorited: readBoolean(field(value, 'favorited')),
    inReplyToStatusId: readIdPair(value, 'in_reply_to_status_id'),
    inReplyToUserId: readIdPair(value, 'in_reply_to_user_id'),
    inReplyToScreenName: readText(field(value, 'in_reply_to_screen_name')),
  };
  return Object.values(status).every((part) => part === null) ? null : status;
}

export function normalizeUser(raw: unknown): UserNormalization {
  if (!isFields(raw)) return { ok: false, problem: 'is not an object with fields' };
  const id = readIdPair(raw, 'id');
  const screenName = readText(field(raw, 'screen_name'));
  if (id === null && screenName === null) return { ok: false, problem: 'has no id and no screen name' };
  if (id === null) return { ok: false, problem: 'has no usable id' };
  if (screenName === null) return { ok: false, problem: 'has no screen name' };
  return {
    ok: true,
    user: {
      id,
      screenName,
      name: readText(field(raw, 'name')),
      location: readText(field(raw, 'location')),
      description: readText(field(raw, 'description')),
      url: readUrl(field(raw, 'url')),
      // The https twin (v1.1) loads in a page that refuses mixed content.
      profileImageUrl:
        readUrl(field(raw, 'profile_image_url_https')) ?? readUrl(field(raw, 'profile_image_url')),
      protected: readBoolean(field(raw, 'protected')),
      verified: readBoolean(field(raw, 'verified')),
      followersCount: readCount(field(raw, 'followers_count')),
      friendsCount: readCount(field(raw, 'friends_count')),
      statusesCount: readCount(field(raw, 'statuses_count')),
      favouritesCount:
        readCount(field(raw, 'favourites_count')) ?? readCount(field(raw, 'favorites_count')),
      createdAt: readDate(field(raw, 'created_at')),
      utcOffset: readInteger(field(raw, 'utc_offset')),
      timeZone: readText(field(raw, 'time_zone')),
      following: readBoolean(field(raw, 'following')),
      notifications: readBoolean(field(raw, 'notifications')),
      followRequestSent: readBoolean(field(raw, 'follow_request_sent')),
      latestStatus: readStatus(field(raw, 'status')),
    },
  };
}
