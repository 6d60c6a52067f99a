/**
 * A status's `source`, the client it was posted with. Servers send it as an HTML anchor
 * (`<a href="http://www.tweetdeck.com/">TweetDeck</a>`: a JSON string, or escaped text in XML,
 * sometimes escaped twice), as a plain name (`web`), or as a child `<a href>` element. It is read
 * for its name and link and never rendered as HTML.
 */
import { ATTRIBUTE_PREFIX, field, isFields, isWebUrl, textOf } from './field-values.js';
import { collapseWhitespace, decodeEntities, markupText } from './markup-text.js';
import type { StatusSource } from '../types.js';

const ANCHOR = /^<a\b([^>]*)>([\s\S]*)<\/a\s*>$/i;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

function webUrl(href: string | null): string | null {
  if (href === null) return null;
  const url = decodeEntities(href).trim();
  return isWebUrl(url) ? url : null;
}

/** Without a name, a link is named by its host, so a source is never an empty label. */
function source(name: string, url: string | null): StatusSource | null {
  if (name !== '') return { name, url };
  return url === null ? null : { name: new URL(url).host, url };
}

function fromHtml(html: string): StatusSource | null {
  const anchor = ANCHOR.exec(html);
  if (anchor === null) return source(markupText(html), null);
  const href = HREF.exec(anchor[1] ?? '');
  return source(markupText(anchor[2] ?? ''), webUrl(href ? (href[1] ?? href[2] ?? href[3] ?? '') : null));
}

function fromText(text: string): StatusSource | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('<')) return fromHtml(trimmed);
  const decoded = decodeEntities(trimmed);
  if (decoded.startsWith('<')) return fromHtml(decoded);
  return source(collapseWhitespace(decoded), null);
}

/** XML's `<source><a href="…">TweetDeck</a></source>`, already parsed into an element. */
function fromElement(element: Record<string, unknown>): StatusSource | null {
  const anchor = field(element, 'a');
  if (anchor === undefined) {
    const text = textOf(element);
    return text === null ? null : fromText(text);
  }
  const first = Array.isArray(anchor) ? (anchor[0] as unknown) : anchor;
  const name = collapseWhitespace(decodeEntities(textOf(first) ?? ''));
  const href = isFields(first) ? field(first, `${ATTRIBUTE_PREFIX}href`) : undefined;
  return source(name, webUrl(typeof href === 'string' ? href : null));
}

export function parseSource(value: unknown): StatusSource | null {
  if (typeof value === 'string') return fromText(value);
  if (isFields(value)) return fromElement(value);
  return null;
}
