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
const TAG_END = /\s*(\/?)>/y;
const CLOSE_END = /\s*>/y;
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

function valueOf(frame: Frame): unknown {
  const text = frame.text.trim();
  if (frame.attributes === null && frame.children === null) return text;
  const value: Record<string, unknown> = {};
  if (frame.attributes !== null) Object.assign(value, frame.attributes);
  if (frame.children !== null) Object.assign(value, frame.children);
  if (text !== '') value[TEXT_KEY] = text;
  return value;
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

function readName(text: string, at: number): string {
  NAME.lastIndex = at;
  const match = NAME.exec(text);
  if (match === null) throw new Malformed();
  const name = match[0];
  if (FORBIDDEN_NAMES.has(name)) throw new Malformed();
  return name;
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
      current.text += decodeChecked(text.slice(i, lt));
    }
    i = lt;
    const next = text.charCodeAt(i + 1);
    if (next === 0x2f /* / */) {
      const name = readName(text, i + 2);
      CLOSE_END.lastIndex = i + 2 + name.length;
      if (CLOSE_END.exec(text) === null) throw new Malformed();
      i = CLOSE_END.lastIndex;
      const frame = stack.pop();
      if (frame === undefined || frame.name !== name) throw new Malformed();
      const value = valueOf(frame);
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = { name, element: value };
      else addChild(parent, name, value);
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
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const match = ATTRIBUTE.exec(text);
      if (match === null) break;
      const key = ATTRIBUTE_PREFIX + match[1]!;
      attributes ??= {};
      if (key in attributes || FORBIDDEN_NAMES.has(match[1]!)) throw new Malformed();
      attributes[key] = decodeChecked(match[2] ?? match[3] ?? '');
      at = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = at;
    const end = TAG_END.exec(text);
    if (end === null) throw new Malformed();
    i = TAG_END.lastIndex;
    const frame: Frame = { name, attributes, children: null, text: '' };
    if (end[1] === '/') {
      const value = valueOf(frame);
      const parent = stack[stack.length - 1];
      if (parent === undefined) root = { name, element: value };
      else addChild(parent, name, value);
    } else {
      if (stack.length >= MAX_DEPTH) throw new Malformed();
      stack.push(frame);
    }
  }
  return { ...root, end: i };
}

/** Never throws: anything but one well-formed root element is a tagged failure. */
/**
 * Markup declarations only exist to define a DTD; refusing them wherever they appear means no
 * "billion laughs" or external entity can ever be declared.
 */
const DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

export function parseXml(text: string): XmlParse {
  if (DECLARATION.test(text)) return { ok: false, failure: 'declarations', message: DECLARATIONS };
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
