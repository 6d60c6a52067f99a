/**
 * Dates as servers wrote them, to ISO 8601 in UTC. Three forms are known: Twitter's
 * (`Sun Mar 18 06:42:26 +0000 2007`), RFC 2822 (`Sun, 18 Mar 2007 06:42:26 +0000`) and ISO 8601
 * with a zone. Parsed by hand rather than with Date.parse, whose leniency differs between
 * engines and which reads a bare "1" as a date; a date without a zone would need one invented,
 * so it is null.
 */

import { daysFromCivil, isoFromEpochMs } from './utc-calendar.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const WEEKDAY = `(?:${WEEKDAYS.join('|')})`;

const TWITTER = new RegExp(
  `^${WEEKDAY}\\s+([a-z]{3})\\s+(\\d{1,2})\\s+(\\d{2}):(\\d{2}):(\\d{2})\\s+([+-]\\d{4})\\s+(\\d{4})$`,
  'i',
);
const RFC_2822 = new RegExp(
  `^(?:${WEEKDAY},?\\s*)?(\\d{1,2})\\s+([a-z]{3})\\s+(\\d{4}|\\d{2})\\s+` +
    `(\\d{2}):(\\d{2})(?::(\\d{2}))?\\s+([+-]\\d{4}|[a-z]{1,3})$`,
  'i',
);
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** RFC 2822's named zones, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.toLowerCase()) + 1;
}

/** `+0530`, `-05:00`, `+05`: minutes east of UTC, or NaN. */
function numericOffset(zone: string): number {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return NaN;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function zoneOffset(zone: string): number {
  if (zone.startsWith('+') || zone.startsWith('-')) return numericOffset(zone);
  return ZONES[zone.toLowerCase()] ?? NaN;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function toIso(parts: Parts): string | null {
  const { year, month, day, hour, minute, second, millisecond, offset } = parts;
  if (!Number.isFinite(offset) || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // Feb 30 and the like do not exist: refused rather than rolled over into the next month.
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const minutes = (daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offset;
  return isoFromEpochMs((minutes * 60 + second) * 1000 + millisecond);
}

function fromTwitter(match: RegExpExecArray): string | null {
  const [, month = '', day = '', hour = '', minute = '', second = '', zone = '', year = ''] = match;
  return toIso({
    year: Number(year),
    month: monthNumber(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: 0,
    offset: zoneOffset(zone),
  });
}

/** RFC 2822 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx. */
function fullYear(year: string): number {
  const value = Number(year);
  if (year.length === 4) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}

function fromRfc2822(match: RegExpExecArray): string | null {
  const [, day = '', month = '', year = '', hour = '', minute = '', second = '0', zone = ''] = match;
  return toIso({
    year: fullYear(year),
    month: monthNumber(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: 0,
    offset: zoneOffset(zone),
  });
}

function fromIso(match: RegExpExecArray): string | null {
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '0', fraction = '', zone = ''] =
    match;
  return toIso({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    millisecond: Number(fraction.slice(0, 3).padEnd(3, '0')),
    offset: zone.toLowerCase() === 'z' ? 0 : numericOffset(zone),
  });
}

/** Two ASCII digits at `at` as a number, or NaN. */
function twoDigits(text: string, at: number): number {
  const tens = text.charCodeAt(at) - 0x30;
  const ones = text.charCodeAt(at + 1) - 0x30;
  return tens >= 0 && tens <= 9 && ones >= 0 && ones <= 9 ? tens * 10 + ones : NaN;
}

/** Where each separator of `Sun Mar 18 06:42:26 +0000 2007` sits. */
const TWITTER_SEPARATORS: readonly [number, number][] = [
  [3, 0x20],
  [7, 0x20],
  [10, 0x20],
  [13, 0x3a],
  [16, 0x3a],
  [19, 0x20],
  [25, 0x20],
];

/**
 * Twitter's layout exactly as Twitter and StatusNet write it, read by position: two of these are
 * on every follow. Anything else (other spacing, a one-digit day, another weekday) is undefined,
 * left to the patterns, which read this layout to the same result.
 */
function fromTwitterLayout(text: string): string | null | undefined {
  if (text.length !== 30) return undefined;
  for (const [at, code] of TWITTER_SEPARATORS) if (text.charCodeAt(at) !== code) return undefined;
  const sign = text.charCodeAt(20);
  if ((sign !== 0x2b && sign !== 0x2d) || !WEEKDAYS.includes(text.slice(0, 3).toLowerCase())) return undefined;
  const year = twoDigits(text, 26) * 100 + twoDigits(text, 28);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  const zoneDigits = twoDigits(text, 21) + twoDigits(text, 23);
  if (Number.isNaN(year + day + hour + minute + second + zoneDigits)) return undefined;
  // An unknown month is month 0, which toIso refuses, as the patterns would.
  const month = monthNumber(text.slice(4, 7));
  const offset = numericOffset(text.slice(20, 25));
  return toIso({ year, month, day, hour, minute, second, millisecond: 0, offset });
}

export function parseDate(text: string): string | null {
  const value = text.trim();
  const quick = fromTwitterLayout(value);
  if (quick !== undefined) return quick;
  let match = TWITTER.exec(value);
  if (match) return fromTwitter(match);
  match = RFC_2822.exec(value);
  if (match) return fromRfc2822(match);
  match = ISO_8601.exec(value);
  if (match) return fromIso(match);
  return null;
}
