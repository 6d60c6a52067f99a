/**
 * A page of the follow graph: friends/ids (`{ids, next_cursor}` or `<id_list>`) and
 * statuses/friends (`{users, next_cursor}` or `<users_list>`). GNU social ignores `cursor` and
 * answers both as a bare list (`[…]`, `<ids>`, `<users>`), one page of several: its next cursor
 * is null, and the caller goes on by page number.
 */
import type { Result } from '../result.js';
import type { Format, User } from '../types.js';
import { field, isFields, readId, textOf } from './field-values.js';
import { badResponse, normalizeAll, readDocument, xmlUserList } from './parse-user-body.js';

/** "0" after the last page, as Twitter said it. */
export const LAST_CURSOR = '0';

export type IdsPage = Result<{ ids: string[]; nextCursor: string | null }>;
export type UsersPage = Result<{ users: User[]; nextCursor: string | null }>;

/** A cursored page's next cursor is a whole number; a bare list has none. */
type Next = { cursor: string | null } | { bad: true };

const CURSOR = /^-?[0-9]+$/;

/** `next_cursor_str` first (exact), then `next_cursor`; none at all means this was the last page. */
function nextCursorOf(fields: Record<string, unknown>): Next {
  const text = textOf(field(fields, 'next_cursor_str') ?? field(fields, 'next_cursor') ?? LAST_CURSOR)?.trim() ?? null;
  return text !== null && CURSOR.test(text) ? { cursor: text } : { bad: true };
}

const BARE: Next = { cursor: null };

function readIds(list: readonly unknown[]): string[] | null {
  const ids = list.map(readId);
  return ids.every((id): id is string => id !== null) ? ids : null;
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/** Where one kind of list sits in a page, bare (GNU social) or wrapped with its cursors (Twitter). */
interface ListShape {
  /** The JSON field and the XML element holding the items; also what the list is called in errors. */
  key: 'ids' | 'users';
  /** The XML root that wraps the list with its cursors. */
  wrapped: string;
  /** The items of an XML list element. */
  itemsOf(node: unknown): unknown[];
}

const ID_LIST: ListShape = { key: 'ids', wrapped: 'id_list', itemsOf: (node) => (isFields(node) ? asList(field(node, 'id')) : []) };
const USER_LIST: ListShape = { key: 'users', wrapped: 'users_list', itemsOf: xmlUserList };

/** The raw items of a page and its next cursor, still unchecked: each kind reads its own items. */
async function readListPage(text: string, format: Format, shape: ListShape): Promise<Result<{ list: unknown[]; next: Next }>> {
  const document = await readDocument(text, format);
  if (!document.ok) return document;
  const root = document.root;
  if (document.format === 'json') {
    if (Array.isArray(root)) return { ok: true, list: root, next: BARE };
    if (isFields(root)) {
      const list = field(root, shape.key);
      if (Array.isArray(list)) return { ok: true, list, next: nextCursorOf(root) };
    }
    return badResponse(`The server's answer is JSON, but not a list of ${shape.key}.`);
  }
  if (document.name === shape.key) return { ok: true, list: shape.itemsOf(root), next: BARE };
  if (document.name === shape.wrapped && isFields(root)) {
    return { ok: true, list: shape.itemsOf(field(root, shape.key)), next: nextCursorOf(root) };
  }
  return badResponse(`The server's answer is XML, but not a list of ${shape.key}.`);
}

const BAD_CURSOR = "The server's next_cursor is not a whole number.";

export async function parseIdsPage(text: string, format: Format): Promise<IdsPage> {
  const page = await readListPage(text, format, ID_LIST);
  if (!page.ok) return page;
  const ids = readIds(page.list);
  if (ids === null) return badResponse("An id in the server's list is not a whole number.");
  if ('bad' in page.next) return badResponse(BAD_CURSOR);
  return { ok: true, ids, nextCursor: page.next.cursor };
}

export async function parseUsersPage(text: string, format: Format): Promise<UsersPage> {
  const page = await readListPage(text, format, USER_LIST);
  if (!page.ok) return page;
  if ('bad' in page.next) return badResponse(BAD_CURSOR);
  const users = normalizeAll(page.list);
  return users.ok ? { ...users, nextCursor: page.next.cursor } : users;
}
