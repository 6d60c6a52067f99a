/**
 * JSON that keeps every integer exact. User and status ids passed 2^53 long ago (and old servers
 * send no `id_str`), so an integer literal a double cannot hold exactly comes out as the string of
 * its digits instead of a rounded number.
 */
import type { Result } from '../result.js';

/** A failure carries the parser's reason. */
export type JsonParse = Result<{ value: unknown }, string>;

/** The longest integer that is always exact is 15 digits; 16 or more may not be. */
const LONG_DIGIT_RUN = /[0-9]{16}/;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const DOT = 0x2e;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const PLUS = 0x2b;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Rewrites the text so that every integer literal outside the safe range is a string literal.
 * Only called on text JSON.parse already accepted, so the scan can trust the grammar: a number
 * starts with `-` or a digit outside strings, and strings end at an unescaped quote.
 */
function quoteUnsafeIntegers(text: string): string {
  const parts: string[] = [];
  let copiedUpTo = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      i++;
      while (i < text.length) {
        const inner = text.charCodeAt(i);
        if (inner === BACKSLASH) i += 2;
        else if (inner === QUOTE) break;
        else i++;
      }
      i++;
    } else if (code === MINUS || isDigit(code)) {
      const start = i;
      const intEnd = digitsEnd(text, code === MINUS ? i + 1 : i);
      let end = intEnd;
      let integer = true;
      if (text.charCodeAt(end) === DOT) {
        integer = false;
        end = digitsEnd(text, end + 1);
      }
      const exponent = text.charCodeAt(end);
      if (exponent === LOWER_E || exponent === UPPER_E) {
        integer = false;
        const sign = text.charCodeAt(end + 1);
        end = digitsEnd(text, sign === PLUS || sign === MINUS ? end + 2 : end + 1);
      }
      if (integer && !Number.isSafeInteger(Number(text.slice(start, intEnd)))) {
        parts.push(text.slice(copiedUpTo, start), '"', text.slice(start, intEnd), '"');
        copiedUpTo = intEnd;
      }
      i = end;
    } else {
      i++;
    }
  }
  if (copiedUpTo === 0) return text;
  parts.push(text.slice(copiedUpTo));
  return parts.join('');
}

/** Never throws: malformed JSON is a tagged failure. */
export function parseJsonLossless(text: string): JsonParse {
  try {
    const value: unknown = JSON.parse(text);
    if (!LONG_DIGIT_RUN.test(text)) return { ok: true, value };
    return { ok: true, value: JSON.parse(quoteUnsafeIntegers(text)) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
