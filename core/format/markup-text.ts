/**
 * Plain text out of what servers send, without interpreting it as markup. Character references
 * come in both layers of a response: XML's own escaping and the HTML escaping Twitter applied to
 * text before putting it in JSON or XML. Only the five predefined names and numeric references are
 * known; anything else (`&nbsp;`, `&bogus;`, a bare `&`) stays as typed, so no markup or named
 * HTML entity is ever interpreted.
 */

const REFERENCE = /&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);/g;

const PREDEFINED: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/**
 * XML 1.0's `Char` production: a reference to anything else (NUL, other C0 controls, lone
 * surrogates, U+FFFE/U+FFFF, beyond U+10FFFF) is not a character and is left undecoded.
 */
function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

function replaceReference(whole: string, body: string): string {
  if (!body.startsWith('#')) return PREDEFINED[body] ?? whole;
  const codePoint = /^#x/i.test(body) ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return isXmlChar(codePoint) ? String.fromCodePoint(codePoint) : whole;
}

export function decodeEntities(text: string): string {
  return text.replace(REFERENCE, replaceReference);
}

/** Tags dropped by a scan rather than a regular expression, so a body full of unclosed `<` stays linear. */
function stripTags(html: string): string {
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
