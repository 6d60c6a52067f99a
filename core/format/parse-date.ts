/**
 * Dates as servers wrote them, to ISO 8601 in UTC. Three forms are known: Twitter's
 * (`Sun Mar 18 06:42:26 +0000 2007`), RFC 2822 (`Sun, 18 Mar 2007 06:42:26 +0000`) and ISO 8601
 * with a zone. Each is matched by a pattern rather than read by Date.parse, whose leniency differs
 * between engines and which reads a bare "1" as a date; a date without a zone would need one
 * invented, so it is null.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY = '(?:mon|tue|wed|thu|fri|sat|sun)';
const TIME = '(?<hour>\\d{2}):(?<minute>\\d{2})';

const TWITTER = new RegExp(
  `^${WEEKDAY}\\s+(?<month>[a-z]{3})\\s+(?<day>\\d{1,2})\\s+${TIME}:(?<second>\\d{2})\\s+(?<zone>[+-]\\d{4})\\s+(?<year>\\d{4})$`,
  'i',
);
const RFC_2822 = new RegExp(
  `^(?:${WEEKDAY},?\\s*)?(?<day>\\d{1,2})\\s+(?<month>[a-z]{3})\\s+(?<year>\\d{4}|\\d{2})\\s+` +
    `${TIME}(?::(?<second>\\d{2}))?\\s+(?<zone>[+-]\\d{4}|[a-z]{1,3})$`,
  'i',
);
const ISO_8601 = new RegExp(
  `^(?<year>\\d{4})-(?<month>\\d{2})-(?<day>\\d{2})[T ]${TIME}(?::(?<second>\\d{2})(?:[.,](?<fraction>\\d+))?)?` +
    '\\s*(?<zone>Z|[+-]\\d{2}(?::?\\d{2})?)$',
  'i',
);

/** RFC 2822's named zones, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  z: 0,
  ut: 0,
  gmt: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
};

/** `+0530`, `-05:00`, `+05` or a named zone: minutes east of UTC, or NaN. */
function zoneOffset(zone: string): number {
  if (!zone.startsWith('+') && !zone.startsWith('-')) return ZONES[zone.toLowerCase()] ?? NaN;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return NaN;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** RFC 2822 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx. */
function fullYear(year: string): number {
  const value = Number(year);
  if (year.length === 4) return value;
  return value < 50 ? 2000 + value : 1900 + value;
}

type Groups = Partial<Record<string, string>>;

/** The instant the fields name, or null for a time or calendar day that does not exist. */
function toIso(groups: Groups, year: number, month: number): string | null {
  const day = Number(groups.day);
  const hour = Number(groups.hour);
  const minute = Number(groups.minute);
  const second = Number(groups.second ?? 0);
  const offset = zoneOffset(groups.zone ?? '');
  if (Number.isNaN(offset) || hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are rather than as 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  // Date rolls Feb 30 (or month 13) over into the next month: such a day does not exist.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const millisecond = Number((groups.fraction ?? '').slice(0, 3).padEnd(3, '0'));
  date.setUTCHours(hour, minute - offset, second, millisecond);
  return date.toISOString();
}

function monthNumber(name = ''): number {
  return MONTHS.indexOf(name.toLowerCase()) + 1;
}

export function parseDate(text: string): string | null {
  const value = text.trim();
  const twitter = TWITTER.exec(value)?.groups;
  if (twitter) return toIso(twitter, Number(twitter.year), monthNumber(twitter.month));
  const rfc = RFC_2822.exec(value)?.groups;
  if (rfc) return toIso(rfc, fullYear(rfc.year ?? ''), monthNumber(rfc.month));
  const iso = ISO_8601.exec(value)?.groups;
  if (iso) return toIso(iso, Number(iso.year), Number(iso.month));
  return null;
}
