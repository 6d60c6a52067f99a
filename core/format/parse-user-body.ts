/**
 * A 2xx body to users (spec §3, §7): one user for friendships/create, users/show and
 * verify_credentials; a list for users/search (a JSON array, or XML `<users type="array">`).
 * Whatever the text, the answer is a typed result: failures are `bad_response` with a sentence
 * saying what was wrong, and `status: null` for the caller to fill in.
 */
import { readServerError, readXmlServerError, type ServerError } from './error-body.js';
import { field, isFields } from './field-values.js';
import { normalizeUser } from './normalize-user.js';
import { parseJsonLossless } from './parse-json.js';
import { apiError } from '../errors.js';
import type { Failure, Result } from '../result.js';
import type { Format, User } from '../types.js';

export type UserBodyParse = Result<{ user: User }>;
export type UsersBodyParse = Result<{ users: User[] }>;

export function badResponse(message: string, code: number | null = null): Failure {
  return { ok: false, error: apiError('bad_response', message, null, code) };
}

/** A 2xx that carries an error envelope instead of users: the server's words are worth showing. */
function errorInstead(found: ServerError, expected: string): Failure {
  const said = found.message === null ? '.' : `: ${found.message}`;
  return badResponse(`The server answered with an error instead of ${expected}${said}`, found.code);
}

type Document = Result<{ format: Format; name: string | null; root: unknown }>;

export async function readDocument(text: string, format: Format): Promise<Document> {
  // A byte-order mark is not JSON whitespace; some servers still send one.
  const trimmed = text.trim();
  if (trimmed === '') return badResponse("The server's answer is empty.");
  if (format === 'json') {
    const json = parseJsonLossless(trimmed);
    return json.ok
      ? { ok: true, format, name: null, root: json.value }
      : badResponse("The server's answer is not valid JSON.");
  }
  // The XML reader is loaded for the first XML answer only: a JSON follow never pays for it.
  const { parseXml } = await import('./parse-xml.js');
  const xml = parseXml(text);
  return xml.ok ? { ok: true, format, name: xml.name, root: xml.element } : badResponse(xml.error.message);
}

function serverErrorIn(document: { name: string | null; root: unknown }): ServerError | null {
  return document.name === null
    ? readServerError(document.root)
    : readXmlServerError(document.name, document.root);
}

export async function parseUserBody(text: string, format: Format): Promise<UserBodyParse> {
  const document = await readDocument(text, format);
  if (!document.ok) return document;
  if (document.format === 'xml' && document.name !== 'user') {
    const found = serverErrorIn(document);
    return found === null
      ? badResponse("The server's answer is XML, but not a <user>.")
      : errorInstead(found, 'a user');
  }
  if (document.format === 'json' && !isFields(document.root)) {
    return badResponse("The server's answer is JSON, but not a user object.");
  }
  const normalized = normalizeUser(document.root);
  if (normalized.ok) return normalized;
  const found = serverErrorIn(document);
  return found === null
    ? badResponse(`The server's answer is not a usable user: it ${normalized.error}.`)
    : errorInstead(found, 'a user');
}

/** `<users>` holds zero (`<users/>`, `<users type="array"></users>`), one or many `<user>`. */
export function xmlUserList(root: unknown): unknown[] {
  if (!isFields(root)) return [];
  const users = field(root, 'user');
  if (users === undefined) return [];
  return Array.isArray(users) ? users : [users];
}

export function normalizeAll(list: readonly unknown[]): UsersBodyParse {
  const users: User[] = [];
  for (const [index, raw] of list.entries()) {
    const normalized = normalizeUser(raw);
    if (!normalized.ok) {
      return badResponse(`User ${index + 1} of ${list.length} in the server's answer ${normalized.error}.`);
    }
    users.push(normalized.user);
  }
  return { ok: true, users };
}

export async function parseUsersBody(text: string, format: Format): Promise<UsersBodyParse> {
  const document = await readDocument(text, format);
  if (!document.ok) return document;
  if (document.format === 'xml') {
    if (document.name === 'users') return normalizeAll(xmlUserList(document.root));
    const found = serverErrorIn(document);
    return found === null
      ? badResponse("The server's answer is XML, but not a <users> list.")
      : errorInstead(found, 'a list of users');
  }
  if (Array.isArray(document.root)) return normalizeAll(document.root);
  const found = serverErrorIn(document);
  return found === null
    ? badResponse("The server's answer is JSON, but not a list of users.")
    : errorInstead(found, 'a list of users');
}
