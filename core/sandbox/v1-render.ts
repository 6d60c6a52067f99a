/** Directory users, statuses and errors written in Twitter v1's XML and JSON shapes. */
import type { DirectoryStatus, DirectoryUser } from './directory.js';
import { jsonId, type JsonValue, writeJson } from './json-writer.js';
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

const text = (name: string, value: string | null): XmlNode => ({ name, text: value });
const num = (name: string, value: number | null): XmlNode => text(name, value === null ? null : String(value));
const bool = (name: string, value: boolean): XmlNode => text(name, value ? 'true' : 'false');

function statusXmlFields(status: DirectoryStatus): XmlNode[] {
  return [
    text('created_at', status.createdAt),
    text('id', status.id),
    text('text', status.text),
    text('source', status.source),
    bool('truncated', status.truncated),
    text('in_reply_to_status_id', status.inReplyToStatusId),
    text('in_reply_to_user_id', status.inReplyToUserId),
    bool('favorited', status.favorited),
    text('in_reply_to_screen_name', status.inReplyToScreenName),
  ];
}

function userXmlFields(user: DirectoryUser, relation: Relation): XmlNode[] {
  return [
    text('id', user.id),
    text('name', user.name),
    text('screen_name', user.screenName),
    text('location', user.location),
    text('description', user.description),
    text('profile_image_url', user.profileImageUrl),
    text('url', user.url),
    bool('protected', user.protected),
    num('followers_count', user.followersCount),
    num('friends_count', user.friendsCount),
    text('created_at', user.createdAt),
    num('favourites_count', user.favouritesCount),
    num('utc_offset', user.utcOffset),
    text('time_zone', user.timeZone),
    num('statuses_count', user.statusesCount),
    bool('notifications', relation.notifications),
    bool('verified', user.verified),
    bool('following', relation.following),
    bool('follow_request_sent', relation.followRequestSent),
  ];
}

/** A retweet's original author is named by screen name; the caller resolves it. */
export type AuthorOf = (screenName: string) => DirectoryUser | undefined;

function statusXml(status: DirectoryStatus, relationOf: RelationOf, authorOf: AuthorOf): XmlNode {
  const children = statusXmlFields(status);
  const retweet = status.retweeted;
  const author = retweet ? authorOf(retweet.authorScreenName) : undefined;
  if (retweet && author) {
    children.push({
      name: 'retweeted_status',
      children: [
        ...statusXmlFields(retweet.status),
        { name: 'user', children: userXmlFields(author, relationOf(author)) },
      ],
    });
  }
  return { name: 'status', children };
}

function userXml(user: DirectoryUser, relationOf: RelationOf, authorOf: AuthorOf): XmlNode {
  const relation = relationOf(user);
  const children = userXmlFields(user, relation);
  if (user.status && relation.statusVisible) children.push(statusXml(user.status, relationOf, authorOf));
  return { name: 'user', children };
}

function statusJsonFields(status: DirectoryStatus): Record<string, JsonValue> {
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

function userJsonFields(user: DirectoryUser, relation: Relation): Record<string, JsonValue> {
  return {
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
}

function statusJson(status: DirectoryStatus, relationOf: RelationOf, authorOf: AuthorOf): JsonValue {
  const fields = statusJsonFields(status);
  const retweet = status.retweeted;
  const author = retweet ? authorOf(retweet.authorScreenName) : undefined;
  if (retweet && author) {
    fields.retweeted_status = {
      ...statusJsonFields(retweet.status),
      user: userJsonFields(author, relationOf(author)),
    };
  }
  return fields;
}

function userJson(user: DirectoryUser, relationOf: RelationOf, authorOf: AuthorOf): JsonValue {
  const relation = relationOf(user);
  const fields = userJsonFields(user, relation);
  if (user.status && relation.statusVisible) fields.status = statusJson(user.status, relationOf, authorOf);
  return fields;
}

export function renderUser(
  format: Format,
  user: DirectoryUser,
  relationOf: RelationOf,
  authorOf: AuthorOf,
): string {
  return format === 'xml'
    ? writeXmlDocument(userXml(user, relationOf, authorOf))
    : writeJson(userJson(user, relationOf, authorOf));
}

/** users/search: a JSON array, or `<users type="array">` in XML. */
export function renderUsers(
  format: Format,
  users: readonly DirectoryUser[],
  relationOf: RelationOf,
  authorOf: AuthorOf,
): string {
  return format === 'xml'
    ? writeXmlDocument({
        name: 'users',
        attributes: { type: 'array' },
        children: users.map((u) => userXml(u, relationOf, authorOf)),
      })
    : writeJson(users.map((u) => userJson(u, relationOf, authorOf)));
}

/** v1's error body: `<hash><request/><error/></hash>` or `{"request","error"}`. */
export function renderError(format: Format, request: string, message: string): string {
  return format === 'xml'
    ? writeXmlDocument({ name: 'hash', children: [text('request', request), text('error', message)] })
    : writeJson({ request, error: message });
}
