/**
 * Plain text out of a fragment of HTML, without interpreting it: tags are dropped, character
 * references decoded, whitespace runs collapsed. Written as a scan rather than a regular
 * expression so a body full of unclosed `<` stays linear in time.
 */
import { decodeEntities } from './decode-entities.js';

export function stripTags(html: string): string {
  let text = '';
  let from = 0;
  for (;;) {
    const open = html.indexOf('<', from);
    if (open === -1) return text + html.slice(from);
    const close = html.indexOf('>', open + 1);
    // An unclosed `<` is not a tag: keep it and the rest as text.
    if (close === -1) return text + html.slice(from);
    text += html.slice(from, open);
    from = close + 1;
  }
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What a person would read in the fragment. */
export function markupText(html: string): string {
  return collapseWhitespace(decodeEntities(stripTags(html)));
}
