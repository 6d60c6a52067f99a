/**
 * Splits server text into plain runs, web links and @mentions. The parts are rendered as React
 * text and elements, so nothing in the text can ever become markup.
 */

export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; screenName: string };

/** A URL, or an @mention not glued to a preceding word (so e-mail addresses stay text). */
const TOKEN = /(https?:\/\/[^\s<>"'`]+)|(?<![\p{L}\p{N}_@])@([\p{L}\p{N}_]{1,64})/giu;
/** Punctuation that usually closes a sentence rather than the URL. */
const TRAILING = /[.,;:!?)\]}'"»”’]+$/u;

export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

export function splitStatusText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const pushText = (value: string): void => {
    if (value === '') return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === 'text') previous.text += value;
    else parts.push({ kind: 'text', text: value });
  };
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    pushText(text.slice(last, start));
    const [whole, url, name] = match;
    if (url !== undefined) {
      const trailing = TRAILING.exec(url)?.[0] ?? '';
      const linkText = url.slice(0, url.length - trailing.length);
      const href = safeHttpUrl(linkText);
      if (href) parts.push({ kind: 'link', text: linkText, href });
      else pushText(linkText);
      pushText(trailing);
    } else if (name !== undefined) {
      parts.push({ kind: 'mention', text: whole, screenName: name });
    }
    last = start + whole.length;
  }
  pushText(text.slice(last));
  return parts;
}

/** A link's visible form: host and path without the scheme, shortened in the middle. */
export function displayUrl(href: string, max = 40): string {
  const bare = href.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  if (bare.length <= max) return bare;
  return `${bare.slice(0, max - 1)}…`;
}
