/**
 * XML read safely: well-formed documents only, no DOCTYPE and so no entity expansion of any
 * size, and every value kept as the text the server sent (value parsing off), so `101010` and
 * `007` stay strings and each field is converted by whoever knows what it means.
 *
 * The result is fast-xml-parser's object form: an element with only text is that text (`''` when
 * empty); one with attributes or children is an object whose attributes are keyed `@_name` and
 * whose own text is under `#text`; a repeated child is an array.
 */
import { XMLParser, XMLValidator, type EntityDecoderOptions } from 'fast-xml-parser';
import { decodeEntities } from './decode-entities.js';

export const ATTRIBUTE_PREFIX = '@_';
export const TEXT_KEY = '#text';

export type XmlFailure = 'declarations' | 'malformed';

export type XmlParse =
  | { ok: true; name: string; element: unknown }
  | { ok: false; failure: XmlFailure; message: string };

/**
 * Markup declarations only exist to define a DTD; without one no entity can be declared, so no
 * "billion laughs" or external entity can be expanded, whatever the parser would do with it.
 */
const DECLARATION = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/** Predefined and numeric references only; declared entities are never taken in. */
const xmlReferences: EntityDecoderOptions = {
  decode: decodeEntities,
  addInputEntities: () => undefined,
  setExternalEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  entityDecoder: xmlReferences,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Callbacks get the parser's matcher instead of a path string built for every element.
  jPath: false,
  maxNestedTags: 100,
});

const MALFORMED = "The server's answer is not valid XML.";

/** Never throws: anything but one well-formed root element is a tagged failure. */
export function parseXml(text: string): XmlParse {
  // PHP servers often send a newline (or a byte-order mark) before the XML declaration.
  const document = text.trimStart();
  if (DECLARATION.test(document)) {
    return {
      ok: false,
      failure: 'declarations',
      message: "The server's answer is XML with a DOCTYPE or entity declarations, which are refused.",
    };
  }
  try {
    if (XMLValidator.validate(document) !== true) {
      return { ok: false, failure: 'malformed', message: MALFORMED };
    }
    const parsed: unknown = parser.parse(document);
    if (typeof parsed !== 'object' || parsed === null) {
      return { ok: false, failure: 'malformed', message: MALFORMED };
    }
    const names = Object.keys(parsed);
    const name = names[0];
    if (names.length !== 1 || name === undefined) {
      return { ok: false, failure: 'malformed', message: MALFORMED };
    }
    const element = (parsed as Record<string, unknown>)[name];
    // Two sibling roots of the same name come back as one array.
    if (Array.isArray(element)) return { ok: false, failure: 'malformed', message: MALFORMED };
    return { ok: true, name, element };
  } catch {
    // The parser refuses what the validator lets through: nesting deeper than maxNestedTags and
    // element names such as `constructor` that could reach an object's prototype.
    return { ok: false, failure: 'malformed', message: MALFORMED };
  }
}
