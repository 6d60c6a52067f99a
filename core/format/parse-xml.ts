/**
 * XML read with fast-xml-parser, refusing what an API answer never needs: a DOCTYPE or entity
 * declaration (so no entity of any size can be declared or expanded), markup nested deeper than
 * MAX_DEPTH, and anything the validator finds malformed. Every value is kept as the text the server
 * sent, so `101010` and `007` stay strings and each field is converted by whoever knows what it means.
 *
 * The result has the library's object form: an element with only text is that text (`''` when
 * empty); one with attributes or children is an object whose attributes are keyed `@_name` and
 * whose own text is under `#text`; a repeated child is an array. Element names that Object.prototype
 * also has (`constructor`, `toString`, `__proto__`) are own properties like any other.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeEntities } from './markup-text.js';
import { ATTRIBUTE_PREFIX, TEXT_KEY } from './field-values.js';
import type { Result } from '../result.js';

/** Elements nested under the root (the library's `maxNestedTags`); no API answer nests more than a handful. */
export const MAX_DEPTH = 100;

export interface XmlDocument {
  name: string;
  element: unknown;
}

export interface XmlFailure {
  reason: 'declarations' | 'malformed';
  message: string;
}

export type XmlParse = Result<XmlDocument, XmlFailure>;

const MALFORMED: XmlFailure = { reason: 'malformed', message: "The server's answer is not valid XML." };
const DECLARATIONS: XmlFailure = {
  reason: 'declarations',
  message: "The server's answer is XML with a DOCTYPE or entity declarations, which are refused.",
};

/**
 * The names the library refuses as element names, since assigning them would reach a prototype.
 * They are read under an escaped name (`#` starts no XML name) and given back their own afterwards.
 */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

function escapeName(name: string): string {
  // A declaration inside the root element (`<!ENTITY …>`) would otherwise be read as an element.
  if (name.startsWith('!')) throw new Error(`markup declaration <${name}> inside the document`);
  return RESERVED_NAMES.has(name) ? `#${name}` : name;
}

function restoreName(key: string): string {
  return key.startsWith('#') && RESERVED_NAMES.has(key.slice(1)) ? key.slice(1) : key;
}

/** Object.fromEntries defines own data properties, so even `__proto__` stays a plain value. */
function restoreNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restoreNames);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [restoreName(key), restoreNames(child)]));
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  transformTagName: escapeName,
  // `toString`, `hasOwnProperty` and the like are safe as own properties: keep their names.
  onDangerousProperty: (name) => name,
  // Only XML's five predefined names and numeric references are decoded (never `&nbsp;`), and the
  // entities of a DOCTYPE met inside the root element are never learned: it makes the document malformed.
  entityDecoder: {
    decode: decodeEntities,
    addInputEntities: () => {
      throw new Error('DOCTYPE inside the document');
    },
    setExternalEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  },
});

const DECLARATION = /^<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/**
 * Whether the prolog (what comes before the root element, past the XML declaration, processing
 * instructions and comments) declares anything. Inside the document, `<!DOCTYPE` in CDATA or
 * escaped text is data.
 */
function prologDeclares(text: string): boolean {
  let at = 0;
  for (;;) {
    const start = text.indexOf('<', at);
    if (start === -1) return false;
    if (text.startsWith('<?', start)) at = text.indexOf('?>', start + 2);
    else if (text.startsWith('<!--', start)) at = text.indexOf('-->', start + 4);
    else return DECLARATION.test(text.slice(start, start + 10));
    if (at === -1) return false;
  }
}

/** Never throws: anything but one well-formed root element is a tagged failure. */
export function parseXml(text: string): XmlParse {
  // PHP servers often send a newline (or a byte-order mark) before the XML declaration.
  const document = text.trimStart();
  if (prologDeclares(document)) return { ok: false, error: DECLARATIONS };
  let parsed: unknown;
  try {
    if (XMLValidator.validate(document) !== true) return { ok: false, error: MALFORMED };
    parsed = parser.parse(document);
  } catch {
    // Nested too deep, a declaration inside the root element, or hostile input hitting a limit.
    return { ok: false, error: MALFORMED };
  }
  const roots = Object.entries(parsed as Record<string, unknown>);
  if (roots.length !== 1 || Array.isArray(roots[0]![1])) return { ok: false, error: MALFORMED };
  const [name, element] = roots[0]!;
  return { ok: true, name: restoreName(name), element: restoreNames(element) };
}
