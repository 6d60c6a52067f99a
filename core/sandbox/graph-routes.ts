/**
 * Reading who follows whom: friends/ids (ids, cursored), users/lookup (up to 100 users at once)
 * and statuses/friends (the users themselves). Twitter pages with `cursor` (-1 for the first
 * page, `next_cursor` 0 after the last); GNU social pages these with `page` and `count` and
 * answers a bare list, so a call without `cursor` gets that shape.
 */
import type { Format } from '../types.js';
import type { DirectoryUser } from './directory.js';
import { JsonInteger, writeJson, type JsonValue } from './json-writer.js';
import { relationBetween, type RouteRequest, type SandboxResponse, type SandboxState } from './state.js';
import { CONTENT_TYPES, renderError, userWithStatus, xmlNode } from './v1-render.js';
import { profileUrlsOn } from './personality.js';
import { writeXmlDocument, type XmlNode } from './xml-writer.js';

/** Twitter refused more than 100 names or ids in one users/lookup. */
export const LOOKUP_MAX = 100;

export interface GraphCall {
  request: RouteRequest;
  format: Format;
  idInPath: string | null;
  caller: DirectoryUser;
  headers: Record<string, string>;
}

type GraphHandler = (state: SandboxState, call: GraphCall) => SandboxResponse;

function answer(call: GraphCall, status: number, body: string): SandboxResponse {
  const headers = { 'Content-Type': CONTENT_TYPES[call.format], ...call.headers };
  return status === 200 ? { status, headers, body, mangleAs: call.format } : { status, headers, body };
}

function fail(call: GraphCall, status: number, message: string): SandboxResponse {
  return answer(call, status, renderError(call.format, call.request.path, message));
}

const DIGITS = /^[0-9]{1,20}$/;
const CURSOR = /^-?[0-9]{1,19}$/;

/** Whose follows: the path's id, `user_id` or `screen_name`, else the caller's own. */
function subjectOf(state: SandboxState, call: GraphCall): DirectoryUser | undefined {
  const { params } = call.request;
  const id = call.idInPath ?? params.id;
  if (id) return (DIGITS.test(id) ? state.directory.byId(BigInt(id).toString()) : undefined) ?? state.directory.byScreenName(id);
  if (params.user_id) return DIGITS.test(params.user_id) ? state.directory.byId(BigInt(params.user_id).toString()) : undefined;
  if (params.screen_name) return state.directory.byScreenName(params.screen_name);
  return call.caller;
}

type Cursors = { next: number; previous: number };
type Slice = ({ from: number; to: number } & Cursors) | { refused: string };

/**
 * Which part of `total` items a request asks for. A cursor is the offset of its page's first
 * item; a negative cursor names the page that ends where `-cursor` starts.
 */
function sliceOf(params: Record<string, string>, total: number, perPage: number): Slice {
  const cursor = params.cursor;
  if (cursor === undefined) {
    const page = params.page === undefined ? 1 : Number(params.page);
    const count = params.count === undefined ? perPage : Math.min(Number(params.count), perPage);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(count) || count < 1) return { refused: 'Invalid page or count.' };
    const from = (page - 1) * count;
    return { from, to: Math.min(total, from + count), next: 0, previous: 0 };
  }
  if (!CURSOR.test(cursor)) return { refused: 'Invalid cursor.' };
  const value = Number(cursor);
  let from = value === -1 ? 0 : value;
  if (value < -1) from = Math.max(0, -value - perPage);
  const to = Math.min(total, from + perPage);
  return { from, to, next: to < total ? to : 0, previous: from > 0 ? -from : 0 };
}

function cursorFields(slice: Cursors): Record<string, JsonValue> {
  return {
    previous_cursor: new JsonInteger(String(slice.previous)),
    previous_cursor_str: String(slice.previous),
    next_cursor: new JsonInteger(String(slice.next)),
    next_cursor_str: String(slice.next),
  };
}

function cursorNodes(slice: Cursors): XmlNode[] {
  return [
    { name: 'next_cursor', text: String(slice.next) },
    { name: 'previous_cursor', text: String(slice.previous) },
  ];
}

/** The parameters that page: without `cursor` where the sandbox imitates GNU social, which ignores it. */
function pagingOf(state: SandboxState, call: GraphCall): Record<string, string> {
  if (state.graphSettings.cursors) return call.request.params;
  const { cursor: _ignored, ...rest } = call.request.params;
  return rest;
}

/**
 * One page of whom the subject follows, written by `write`: with the page's cursors when the
 * request paged by cursor, else (null) as GNU social's bare list.
 */
function followingPage(
  state: SandboxState,
  call: GraphCall,
  perPage: number,
  write: (ids: string[], cursors: Cursors | null) => string,
): SandboxResponse {
  const subject = subjectOf(state, call);
  if (!subject) return fail(call, 404, 'Not found');
  const all = state.graph.following(subject.id);
  const params = pagingOf(state, call);
  const slice = sliceOf(params, all.length, perPage);
  if ('refused' in slice) return fail(call, 400, slice.refused);
  return answer(call, 200, write(all.slice(slice.from, slice.to), params.cursor === undefined ? null : slice));
}

const friendIds: GraphHandler = (state, call) =>
  followingPage(state, call, state.graphSettings.idsPerPage, (ids, cursors) => {
    const asStrings = call.request.params.stringify_ids === 'true';
    const idValues: JsonValue[] = ids.map((id) => (asStrings ? id : new JsonInteger(id)));
    const idNodes: XmlNode[] = ids.map((id) => ({ name: 'id', text: id }));
    if (cursors === null) return call.format === 'xml' ? writeXmlDocument({ name: 'ids', children: idNodes }) : writeJson(idValues);
    return call.format === 'xml'
      ? writeXmlDocument({ name: 'id_list', children: [{ name: 'ids', children: idNodes }, ...cursorNodes(cursors)] })
      : writeJson({ ...cursorFields(cursors), ids: idValues });
  });

function userNodes(state: SandboxState, call: GraphCall, users: readonly DirectoryUser[]): { json: JsonValue[]; xml: XmlNode } {
  const relationOf = (user: DirectoryUser) => relationBetween(state, call.caller, user);
  const authorOf = (name: string) => state.directory.byScreenName(name);
  const profileUrlOf = profileUrlsOn(state.personality, call.request.host);
  const json = users.map((user) => userWithStatus(user, relationOf, authorOf, profileUrlOf));
  return { json, xml: { name: 'users', attributes: { type: 'array' }, children: json.map((fields) => xmlNode('user', fields)) } };
}

const friends: GraphHandler = (state, call) =>
  followingPage(state, call, state.graphSettings.usersPerPage, (ids, cursors) => {
    const rendered = userNodes(state, call, ids.map((id) => state.directory.byId(id)!));
    if (cursors === null) return call.format === 'xml' ? writeXmlDocument(rendered.xml) : writeJson(rendered.json);
    return call.format === 'xml'
      ? writeXmlDocument({ name: 'users_list', children: [rendered.xml, ...cursorNodes(cursors)] })
      : writeJson({ users: rendered.json, ...cursorFields(cursors) });
  });

/** Comma-separated, as Twitter took them; blanks dropped, repeats asked once. */
function listParam(value: string | undefined): string[] {
  if (value === undefined) return [];
  return [...new Set(value.split(',').map((part) => part.trim()).filter((part) => part !== ''))];
}

const lookup: GraphHandler = (state, call) => {
  if (!state.graphSettings.usersLookup) return fail(call, 404, 'Not found: no such API method.');
  const ids = listParam(call.request.params.user_id);
  const names = listParam(call.request.params.screen_name);
  if (ids.length === 0 && names.length === 0) return fail(call, 400, 'You must specify user_id or screen_name.');
  if (ids.length + names.length > LOOKUP_MAX) return fail(call, 403, 'Too many terms specified in query.');
  const found = [
    ...ids.map((id) => (DIGITS.test(id) ? state.directory.byId(BigInt(id).toString()) : undefined)),
    ...names.map((name) => state.directory.byScreenName(name)),
  ].filter((user): user is DirectoryUser => user !== undefined && !user.suspended);
  const users = [...new Set(found)];
  if (users.length === 0) return fail(call, 404, 'No user matches for specified terms.');
  const rendered = userNodes(state, call, users);
  return answer(call, 200, call.format === 'xml' ? writeXmlDocument(rendered.xml) : writeJson(rendered.json));
};

export const GRAPH_ENDPOINTS: Record<string, { method: 'GET'; idInPath: boolean; handle: GraphHandler }> = {
  'friends/ids': { method: 'GET', idInPath: true, handle: friendIds },
  'statuses/friends': { method: 'GET', idInPath: true, handle: friends },
  'users/lookup': { method: 'GET', idInPath: false, handle: lookup },
};
