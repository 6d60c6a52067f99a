/** Directory users, statuses and errors written in Twitter v1's XML and JSON shapes. */
import type { DirectoryStatus, DirectoryUser } from './directory.js';
import { jsonId, JsonInteger, type JsonValue, writeJson } from './json-writer.js';
import { writeXmlDocument, type XmlNode } from './xml-writer.js';
import type { Format } from '../types.js';

/** How the user looks to the person asking. */
export interface Relation {
  following: boolean;
  notifications: boolean;
  followRequestSent: boolean;
  /** False for a protected account the viewer does not follow: its status is withheld. */
  statusVisible: boolean;
}

export type RelationOf = (user: DirectoryUser) => Relation;

export const CONTENT_TYPES: Record<Format, string> = {
  xml: 'application/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A retweet's original author is named by screen name; the caller resolves it. */
export type AuthorOf = (screenName: string) => DirectoryUser | undefined;

type Fields = Record<string, JsonValue>;

function statusFields(status: DirectoryStatus): Fields {
  return {
    created_at: status.createdAt,
    id: jsonId(status.id),
    id_str: status.id,
    text: status.text,
    source: status.source,
    truncated: status.truncated,
    in_reply_to_status_id: jsonId(status.inReplyToStatusId),
    in_reply_to_status_id_str: status.inReplyToStatusId,
    in_reply_to_user_id: jsonId(status.inReplyToUserId),
    in_reply_to_user_id_str: status.inReplyToUserId,
    favorited: status.favorited,
    in_reply_to_screen_name: status.inReplyToScreenName,
  };
}

/** A GNU social site's `statusnet_profile_url` for a user; null for Twitter, which has none. */
export type ProfileUrlOf = ((user: DirectoryUser) => string) | null;

function userFields(user: DirectoryUser, relation: Relation, profileUrlOf: ProfileUrlOf): Fields {
  const fields: Fields = {
    id: jsonId(user.id),
    id_str: user.id,
    name: user.name,
    screen_name: user.screenName,
    location: user.location,
    description: user.description,
    profile_image_url: user.profileImageUrl,
    url: user.url,
    protected: user.protected,
    followers_count: user.followersCount,
    friends_count: user.friendsCount,
    created_at: user.createdAt,
    favourites_count: user.favouritesCount,
    utc_offset: user.utcOffset,
    time_zone: user.timeZone,
    statuses_count: user.statusesCount,
    notifications: relation.notifications,
    verified: user.verified,
    following: relation.following,
    follow_request_sent: relation.followRequestSent,
  };
  if (profileUrlOf === null) return fields;
  // GNU social never sends follow_request_sent, even while a request is pending.
  delete fields.follow_request_sent;
  return { ...fields, statusnet_profile_url: profileUrlOf(user) };
}

function statusWithRetweet(status: DirectoryStatus, relationOf: RelationOf, authorOf: AuthorOf, profileUrlOf: ProfileUrlOf): Fields {
  const fields = statusFields(status);
  const retweet = status.retweeted;
  const author = retweet ? authorOf(retweet.authorScreenName) : undefined;
  if (retweet && author) {
    fields.retweeted_status = { ...statusFields(retweet.status), user: userFields(author, relationOf(author), profileUrlOf) };
  }
  return fields;
}

export function userWithStatus(user: DirectoryUser, relationOf: RelationOf, authorOf: AuthorOf, profileUrlOf: ProfileUrlOf): Fields {
  const relation = relationOf(user);
  const fields = userFields(user, relation, profileUrlOf);
  if (user.status && relation.statusVisible) fields.status = statusWithRetweet(user.status, relationOf, authorOf, profileUrlOf);
  return fields;
}

/** The same fields as XML elements: every value as text, and no `*_str` twins (XML ids are text already). */
export function xmlNode(name: string, value: JsonValue): XmlNode {
  if (value === null || typeof value !== 'object') return { name, text: value === null ? null : String(value) };
  if (value instanceof JsonInteger) return { name, text: value.digits };
  const children = Object.entries(value).filter(([key]) => !key.endsWith('_str'));
  return { name, children: children.map(([key, child]) => xmlNode(key, child)) };
}

/** One user, or users/search's list: a JSON array, or `<users type="array">` in XML. */
export function renderUsers(
  format: Format,
  users: DirectoryUser | readonly DirectoryUser[],
  relationOf: RelationOf,
  authorOf: AuthorOf,
  profileUrlOf: ProfileUrlOf = null,
): string {
  if (!Array.isArray(users)) {
    const fields = userWithStatus(users as DirectoryUser, relationOf, authorOf, profileUrlOf);
    return format === 'xml' ? writeXmlDocument(xmlNode('user', fields)) : writeJson(fields);
  }
  const list = users.map((u) => userWithStatus(u, relationOf, authorOf, profileUrlOf));
  return format === 'xml'
    ? writeXmlDocument({ name: 'users', attributes: { type: 'array' }, children: list.map((u) => xmlNode('user', u)) })
    : writeJson(list);
}

/** v1's error body: `<hash><request/><error/></hash>` or `{"request","error"}`. */
export function renderError(format: Format, request: string, message: string): string {
  const fields = { request, error: message };
  return format === 'xml' ? writeXmlDocument(xmlNode('hash', fields)) : writeJson(fields);
}
