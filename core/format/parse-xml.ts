/**
 * XML read safely and fast: well-formed documents only, no DOCTYPE (so no entity of any size
 * can be declared or expanded), and every value kept as the text the server sent, so `101010`
 * and `007` stay strings and each field is converted by whoever knows what it means.
 *
 * Why our own reader rather than fast-xml-parser: a user document is ~2 KB and a follow to a
 * nearby server takes ~0.3 ms; fast-xml-parser needs ~0.08 ms to parse it (plus its validator),
 * which alone would break the client's overhead budget (≤ 1.3× a bare fetch). These API bodies use
 * a small subset of XML — elements, attributes, text, CDATA, comments and the declaration — and
 * reading exactly that subset strictly is both quicker and easier to make safe. fast-xml-parser
 * stays the baseline the parse benchmark measures against.
 *
 * The result has the usual object form: an element with only text is that text (`''` when
 * empty); one with attributes or children is an object whose attributes are keyed `@_name` and
 * whose own text is under `#text`; a repeated child is an array.
 */
import { decodeEntities } from './decode-entities.js';

export const ATTRIBUTE_PREFIX = '@_';
export const TEXT_KEY = '#text';

export type XmlFailure = 'declarations' | 'malformed';

export type XmlParse =
  | { ok: true; name: string; element: unknown }
  | { ok: false; failure: XmlFailure; message: string };

/** Deeper documents are refused: no user or error body nests more than a handful of levels. */
export const MAX_DEPTH = 100;

const MALFORMED = "The server's answer is not valid XML.";
const DECLARATIONS =
  "The server's answer is XML with a DOCTYPE or entity declarations, which are refused.";

/** Names that would reach an object's prototype if used as keys. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*/y;
const ATTRIBUTE = /\s+([A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
/** A `&` that does not start a reference: XML forbids it in text and attribute values. */
const BARE_AMPERSAND = /&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z_:][-A-Za-z0-9_.:]*;)/;

class Malformed extends Error {}

interface Frame {
  name: string;
  attributes: Record<string, string> | null;
  children: Record<string, unknown> | null;
  text: string;
}

function decodeChecked(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  if (BARE_AMPERSAND.test(raw)) throw new Malformed();
  return decodeEntities(raw);
}

/** A child's value is a string or an object, so an array here is always a repeated child. */
function addChild(parent: Frame, name: string, value: unknown): void {
  const children = (parent.children ??= {});
  const existing = children[name];
  if (existing === undefined) children[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else children[name] = [existing, value];
}

/** The children's object becomes the value itself: a user's forty fields are never copied. */
function valueOf(frame: Frame): unknown {
  const text = frame.text.trim();
  if (frame.attributes === null && frame.children === null) return text;
  const value: Record<string, unknown> = frame.children ?? {};
  // `@_` keys cannot meet a child's name: `@` is not a name character.
  if (frame.attributes !== null) Object.assign(value, frame.attributes);
  if (text !== '') value[TEXT_KEY] = text;
  return value;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!isSpace(text.charCodeAt(i))) return false;
  }
  return true;
}

/** Skips `<?…?>` and `<!--…-->` at `at`; returns the index after them, or -1 when neither. */
function skipMisc(text: string, at: number): number {
  if (text.startsWith('<?', at)) {
    const end = text.indexOf('?>', at + 2);
    if (end === -1) throw new Malformed();
    return end + 2;
  }
  if (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end === -1) throw new Malformed();
    return end + 3;
  }
  return -1;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i += 1;
    else return i;
  }
}

function isAsciiNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

function isAsciiNameChar(c: number): boolean {
  return isAsciiNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

function checkedName(name: string): string {
  if (FORBIDDEN_NAMES.has(name)) throw new Malformed();
  return name;
}

/** API names are ASCII and scanned by hand; a name with anything else is read by NAME. */
function readName(text: string, at: number): string {
  let i = at;
  if (isAsciiNameStart(text.charCodeAt(i))) {
    do i += 1;
    while (isAsciiNameChar(text.charCodeAt(i)));
    if (!(text.charCodeAt(i) >= 0x80)) return checkedName(text.slice(at, i));
  }
  NAME.lastIndex = at;
  const match = NAME.exec(text);
  if (match === null) throw new Malformed();
  return checkedName(match[0]);
}

/** `</name` has been matched at `at`: the tag may only hold white space before its `>`. */
function closeTagEnd(text: string, at: number): number {
  const i = skipSpace(text, at);
  if (text.charCodeAt(i) !== 0x3e /* > */) throw new Malformed();
  return i + 1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Hands a finished element to its parent; one without a parent is the document's root. */
function finish(stack: readonly Frame[], name: string, value: unknown): { name: string; element: unknown } | null {
  const parent = stack[stack.length - 1];
  if (parent === undefined) return { name, element: value };
  addChild(parent, name, value);
  return null;
}

/**
 * `<name>text</name>` is the shape of nearly every field: when the element just opened has it,
 * where its end tag starts (read there without a frame of its own), else -1.
 */
function leafEnd(text: string, from: number, name: string): number {
  const lt = text.indexOf('<', from);
  if (lt === -1 || text.charCodeAt(lt + 1) !== 0x2f /* / */ || !text.startsWith(name, lt + 2)) return -1;
  return text.charCodeAt(lt + 2 + name.length) === 0x3e /* > */ ? lt : -1;
}

/** Reads the element starting at `at` (a `<`) and everything inside it. */
function readDocumentElement(text: string, start: number): { name: string; element: unknown; end: number } {
  const stack: Frame[] = [];
  let i = start;
  let root: { name: string; element: unknown } | null = null;
  while (root === null) {
    if (i >= text.length) throw new Malformed();
    const lt = text.indexOf('<', i);
    if (lt === -1) throw new Malformed();
    if (lt > i) {
      const current = stack[stack.length - 1];
      if (current === undefined) throw new Malformed();
      // Leading white space is trimmed in the end anyway; skipping it spares the indentation
      // between every pair of children a string concatenation.
      if (current.text !== '' || !isBlank(text, i, lt)) current.text += decodeChecked(text.slice(i, lt));
    }
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f /* / */) {
      // The end tag must name the element it closes: compared in place, without reading a name.
      const frame = stack.pop();
      if (frame === undefined || !text.startsWith(frame.name, i + 2)) throw new Malformed();
      i = closeTagEnd(text, i + 2 + frame.name.length);
      root = finish(stack, frame.name, valueOf(frame));
      continue;
    }
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<![CDATA[', i)) {
        const end = text.indexOf(']]>', i + 9);
        const current = stack[stack.length - 1];
        if (end === -1 || current === undefined) throw new Malformed();
        current.text += text.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      const after = skipMisc(text, i);
      if (after === -1) throw new Malformed();
      i = after;
      continue;
    }
    if (next === 0x3f /* ? */) {
      i = skipMisc(text, i);
      continue;
    }
    const name = readName(text, i + 1);
    let at = i + 1 + name.length;
    let attributes: Record<string, string> | null = null;
    while (isSpace(text.charCodeAt(at))) {
      ATTRIBUTE.lastIndex = at;
      const match = ATTRIBUTE.exec(text);
      if (match === null) break;
      const key = ATTRIBUTE_PREFIX + match[1]!;
      attributes ??= {};
      if (key in attributes || FORBIDDEN_NAMES.has(match[1]!)) throw new Malformed();
      attributes[key] = decodeChecked(match[2] ?? match[3] ?? '');
      at = ATTRIBUTE.lastIndex;
    }
    at = skipSpace(text, at);
    const selfClosing = text.charCodeAt(at) === 0x2f; /* / */
    if (selfClosing) at += 1;
    if (text.charCodeAt(at) !== 0x3e /* > */) throw new Malformed();
    i = at + 1;
    if (stack.length >= MAX_DEPTH) throw new Malformed();
    if (selfClosing) {
      root = finish(stack, name, valueOf({ name, attributes, children: null, text: '' }));
      continue;
    }
    const leaf = attributes === null ? leafEnd(text, i, name) : -1;
    if (leaf !== -1) {
      root = finish(stack, name, decodeChecked(text.slice(i, leaf)).trim());
      i = leaf + name.length + 3;
      continue;
    }
    stack.push({ name, attributes, children: null, text: '' });
  }
  return { ...root, end: i };
}

/**
 * Markup declarations only exist to define a DTD; refusing them wherever they appear means no
 * "billion laughs" or external entity can ever be declared.
 */
const DECLARATION = /^<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

function hasDeclaration(text: string): boolean {
  for (let at = text.indexOf('<!'); at !== -1; at = text.indexOf('<!', at + 2)) {
    if (DECLARATION.test(text.slice(at, at + 10))) return true;
  }
  return false;
}

/** Never throws: anything but one well-formed root element is a tagged failure. */
export function parseXml(text: string): XmlParse {
  if (hasDeclaration(text)) return { ok: false, failure: 'declarations', message: DECLARATIONS };
  try {
    // PHP servers often send a newline (or a byte-order mark) before the XML declaration.
    let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
    for (;;) {
      const after = skipMisc(text, i);
      if (after === -1) break;
      i = skipSpace(text, after);
    }
    if (text.charCodeAt(i) !== 0x3c /* < */) throw new Malformed();
    const { name, element, end } = readDocumentElement(text, i);
    let rest = skipSpace(text, end);
    while (rest < text.length) {
      const after = skipMisc(text, rest);
      if (after === -1) throw new Malformed();
      rest = skipSpace(text, after);
    }
    return { ok: true, name, element };
  } catch {
    // Malformed markup, or a stack or memory limit hit by hostile input: a bad document either way.
    return { ok: false, failure: 'malformed', message: MALFORMED };
  }
}
