/**
 * The server's own words in an error answer, from any shape of spec §4: v1 XML
 * `<hash><request/><error/></hash>` (either order), `<errors><error code="34">…</error></errors>`,
 * v1 JSON `{"error": …, "request": …}`, v1.1 `{"errors": [{"code", "message"}]}`, plain text, or
 * a web page — of which only the `<title>` is kept: raw HTML is never a message.
 */
import { ATTRIBUTE_PREFIX, field, isFields, readInteger, textOf } from './field-values.js';
import { collapseWhitespace, decodeEntities, markupText } from './markup-text.js';
import { parseJsonLossless } from './parse-json.js';

export interface ServerError {
  /** Plain text, decoded and capped; null when the body held none. */
  message: string | null;
  /** The server's numeric error code (`errors[0].code`, `<error code>`), when it gave one. */
  code: number | null;
}

export interface ErrorBody extends ServerError {
  /** The body was markup that is not an API error (a proxy's or server's page). */
  page: boolean;
}

/** Long enough for any real error sentence, short enough for a card and a log line. */
export const MAX_MESSAGE_LENGTH = 500;

/** Control characters would reach terminals and logs as escape sequences: they become spaces. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Text a server wrote, made safe to show: references decoded, one line, capped. */
function cleanMessage(text: string): string | null {
  const line = collapseWhitespace(decodeEntities(text).replace(CONTROL, ' '));
  if (line === '') return null;
  if (line.length <= MAX_MESSAGE_LENGTH) return line;
  let cut = line.slice(0, MAX_MESSAGE_LENGTH - 1);
  // Never end on half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? (value[0] as unknown) : value;
}

function fromEntry(entry: unknown): ServerError | null {
  if (typeof entry === 'string') return { message: cleanMessage(entry), code: null };
  if (!isFields(entry)) return null;
  const text = textOf(field(entry, 'message')) ?? textOf(entry);
  const code = readInteger(field(entry, 'code')) ?? readInteger(field(entry, `${ATTRIBUTE_PREFIX}code`));
  if (text === null && code === null) return null;
  return { message: text === null ? null : cleanMessage(text), code };
}

/**
 * The error in a parsed body: `errors` (v1.1, or XML's `<errors>` children), then `error` (v1),
 * then a bare `message`. The first entry is the one the server put first, the main one.
 */
export function readServerError(value: unknown): ServerError | null {
  if (!isFields(value)) return null;
  const found = fromEntry(first(field(value, 'errors'))) ?? fromEntry(first(field(value, 'error')));
  if (found !== null) return found;
  const message = textOf(field(value, 'message'));
  if (message === null) return null;
  return { message: cleanMessage(message), code: readInteger(field(value, 'code')) };
}

/** Errors in XML are rooted at `<hash>`, `<errors>` or a lone `<error>`. */
export function readXmlServerError(name: string, element: unknown): ServerError | null {
  return readServerError(name === 'error' ? { error: element } : element);
}

/** Bounds the text that the title's tags are stripped from, whatever the page's size. */
const MAX_TITLE_SOURCE = 4096;

/**
 * The first `<title>…</title>`, found with one forward search each for its start, the end of its
 * start tag and its end tag, so a page of unclosed `<title` stays linear.
 */
function pageTitle(page: string): string | null {
  const start = /<title\b/i.exec(page);
  if (start === null) return null;
  const open = page.indexOf('>', start.index);
  if (open === -1) return null;
  const endTag = /<\/title\s*>/gi;
  endTag.lastIndex = open + 1;
  const end = endTag.exec(page);
  if (end === null) return null;
  return cleanMessage(markupText(page.slice(open + 1, Math.min(end.index, open + 1 + MAX_TITLE_SOURCE))));
}

function asPage(page: string): ErrorBody {
  return { message: pageTitle(page), code: null, page: true };
}

/** Text that holds a tag: shown as a page (its title), never as itself. */
const MARKUP = /<[a-z!/?]/i;

export async function readErrorBody(body: string, contentType: string | null): Promise<ErrorBody> {
  const text = body.trim();
  if (text === '') return { message: null, code: null, page: false };
  const type = contentType?.toLowerCase() ?? '';
  if (text.startsWith('{') || text.startsWith('[')) {
    const json = parseJsonLossless(text);
    if (json.ok) {
      const found = readServerError(json.value);
      return { message: found?.message ?? null, code: found?.code ?? null, page: false };
    }
  }
  if (text.startsWith('<')) {
    if (type.includes('html')) return asPage(text);
    const { parseXml } = await import('./parse-xml.js');
    const xml = parseXml(text);
    if (!xml.ok) return asPage(text);
    const found = readXmlServerError(xml.name, xml.element);
    return found === null ? asPage(text) : { ...found, page: false };
  }
  if (MARKUP.test(text)) return asPage(text);
  return { message: cleanMessage(text), code: null, page: false };
}
