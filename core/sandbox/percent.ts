/**
 * Percent-encoding as OAuth 1.0a needs it (RFC 5849 §3.6 over RFC 3986 unreserved characters),
 * and form decoding that reports bad input instead of throwing.
 */

export { percentEncode } from '../follow-request.js';

/** Percent-decodes one component; null when the escapes are not valid UTF-8. */
export function percentDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export type Pair = readonly [name: string, value: string];

/**
 * Parses `application/x-www-form-urlencoded` text (a query string or a form body) into ordered
 * pairs, `+` meaning a space; null when any escape is malformed.
 */
export function parseFormPairs(text: string): Pair[] | null {
  const pairs: Pair[] = [];
  if (text === '') return pairs;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const name = percentDecode(rawName.replace(/\+/g, ' '));
    const value = percentDecode(rawValue.replace(/\+/g, ' '));
    if (name === null || value === null) return null;
    pairs.push([name, value]);
  }
  return pairs;
}

/** The first value of each name, as servers of the time read parameters. */
export function firstValues(pairs: readonly Pair[]): Record<string, string> {
  // No prototype, so a parameter named `__proto__` is just a parameter.
  const record: Record<string, string> = Object.create(null);
  for (const [name, value] of pairs) {
    if (!Object.hasOwn(record, name)) record[name] = value;
  }
  return record;
}
