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

export async function parseIdsPage(text: string, format: Format): Promise<IdsPage> {
  const document = await readDocument(text, format);
  if (!document.ok) return document;
  let list: unknown[];
  let next: Next = BARE;
  const root = document.root;
  if (document.format === 'json') {
    if (Array.isArray(root)) list = root;
    else if (isFields(root) && Array.isArray(field(root, 'ids'))) {
      list = field(root, 'ids') as unknown[];
      next = nextCursorOf(root);
    } else return badResponse("The server's answer is JSON, but not a list of ids.");
  } else if (document.name === 'ids') {
    list = isFields(root) ? asList(field(root, 'id')) : [];
  } else if (document.name === 'id_list' && isFields(root)) {
    const ids = field(root, 'ids');
    list = isFields(ids) ? asList(field(ids, 'id')) : [];
    next = nextCursorOf(root);
  } else return badResponse("The server's answer is XML, but not a list of ids.");
  const ids = readIds(list);
  if (ids === null) return badResponse("An id in the server's list is not a whole number.");
  if ('bad' in next) return badResponse("The server's next_cursor is not a whole number.");
  return { ok: true, ids, nextCursor: next.cursor };
}

export async function parseUsersPage(text: string, format: Format): Promise<UsersPage> {
  const document = await readDocument(text, format);
  if (!document.ok) return document;
  let list: unknown[];
  let next: Next = BARE;
  const root = document.root;
  if (document.format === 'json') {
    if (Array.isArray(root)) list = root;
    else if (isFields(root) && Array.isArray(field(root, 'users'))) {
      list = field(root, 'users') as unknown[];
      next = nextCursorOf(root);
    } else return badResponse("The server's answer is JSON, but not a list of users.");
  } else if (document.name === 'users') {
    list = xmlUserList(root);
  } else if (document.name === 'users_list' && isFields(root)) {
    list = xmlUserList(field(root, 'users'));
    next = nextCursorOf(root);
  } else return badResponse("The server's answer is XML, but not a list of users.");
  if ('bad' in next) return badResponse("The server's next_cursor is not a whole number.");
  const users = normalizeAll(list);
  return users.ok ? { ...users, nextCursor: next.cursor } : users;
}
