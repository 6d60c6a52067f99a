/**
 * Reading one field of a parsed user or status, whichever format it came from. JSON gives typed
 * values (or strings, for integers too long for a double); XML gives text, `''` for an empty
 * element, or an object when the element has attributes (`<id type="integer">1</id>`, Rails
 * style). Each reader accepts the forms that mean its type and answers null for anything else,
 * so a field is never guessed.
 */
import { decodeEntities } from './markup-text.js';

/** How the XML reader keys an element's attributes (`@_code`) and, beside them, its own text. */
export const ATTRIBUTE_PREFIX = '@_';
export const TEXT_KEY = '#text';

export type Fields = Record<string, unknown>;

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own properties only: a missing `status` must not find something on Object.prototype. */
export function field(fields: Fields, key: string): unknown {
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

/** The text a value carries: a string, a finite number written out, or an element's own text. */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (isFields(value)) {
    const text = field(value, TEXT_KEY);
    return typeof text === 'string' ? text : null;
  }
  return null;
}

/** Free text as people wrote it: HTML escaping undone, surrounding space dropped, '' is null. */
export function readText(value: unknown): string | null {
  const text = textOf(value);
  if (text === null) return null;
  const decoded = decodeEntities(text).trim();
  return decoded === '' ? null : decoded;
}

const UNSIGNED = /^[0-9]+$/;
const SIGNED = /^[+-]?[0-9]+$/;

function readWholeNumber(value: unknown, pattern: RegExp): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  const text = textOf(value)?.trim();
  if (text === undefined || !pattern.test(text)) return null;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : null;
}

export function readCount(value: unknown): number | null {
  const count = readWholeNumber(value, UNSIGNED);
  return count !== null && count >= 0 ? count : null;
}

export function readInteger(value: unknown): number | null {
  return readWholeNumber(value, SIGNED);
}

export function readBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  const text = typeof value === 'number' ? null : textOf(value)?.trim().toLowerCase();
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return null;
}

/** Ids are unsigned 64-bit integers, kept as their digits (never through a double). */
/** The largest id any server issues: ids are unsigned 64-bit integers. */
const MAX_ID = 2n ** 64n - 1n;

/** Digits only and at most 2^64 − 1: a longer run of digits is not an id but a broken answer. */
export function readId(value: unknown): string | null {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
  }
  const text = textOf(value)?.trim();
  return text !== undefined && UNSIGNED.test(text) && text.length <= 20 && BigInt(text) <= MAX_ID ? text : null;
}

/** Only absolute http(s) URLs: a `javascript:` or relative link is dropped, not shown. */
export function readUrl(value: unknown): string | null {
  const text = readText(value);
  return text !== null && isWebUrl(text) ? text : null;
}

const WEB_SCHEME = /^https?:\/\//i;

/**
 * The scheme is read off the text itself, so a URL the parser would only make http(s) by
 * repairing it (`h\ttps://`, leading controls) is dropped too; the parse then checks the rest.
 */
export function isWebUrl(text: string): boolean {
  return WEB_SCHEME.test(text) && URL.canParse(text);
}
