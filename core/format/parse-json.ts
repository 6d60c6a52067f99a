/**
 * JSON that keeps every integer exact. User and status ids passed 2^53 long ago (and old servers
 * send no `id_str`), so an integer literal a double cannot hold exactly comes out as the string of
 * its digits instead of a rounded number.
 */
import type { Result } from '../result.js';

/** The longest integer that is always exact is 15 digits; 16 or more may not be. */
const LONG_DIGIT_RUN = /[0-9]{16}/;

/**
 * A string literal (left as it is), or an integer literal of 16 digits or more: one not next to a
 * `.`, an exponent or another digit, so never part of a fraction or an exponent. Only used on text
 * JSON.parse accepted, so the grammar can be trusted: strings end at an unescaped quote.
 */
const STRING_OR_LONG_INTEGER = /("(?:[^"\\]|\\.)*")|(?<![0-9.eE+-])(-?[0-9]{16,})(?![0-9.eE])/g;

/** Never throws: malformed JSON is a tagged failure carrying the parser's reason. */
export function parseJsonLossless(text: string): Result<{ value: unknown }, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (!LONG_DIGIT_RUN.test(text)) return { ok: true, value };
    const exact = text.replace(STRING_OR_LONG_INTEGER, (_, string?: string, integer?: string) =>
      string ?? (Number.isSafeInteger(Number(integer)) ? integer! : `"${integer}"`),
    );
    return { ok: true, value: JSON.parse(exact) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
