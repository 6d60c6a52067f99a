/** Display formatting for numbers and dates; the locale comes from the browser (the OS in Electron). */

type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;

/** Intl formatters are costly to build and a list needs many: each kind is built once. */
const formatters = new Map<string, Formatter>();

function cached<T extends Formatter>(
  Kind: new (locale?: string, options?: object) => T,
  locale: string | undefined,
  options: object = {},
): T {
  const key = `${Kind.name}|${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) formatters.set(key, (formatter = new Kind(locale, options)));
  return formatter as T;
}

export function formatCount(value: number | null, locale?: string): string {
  return value === null ? '—' : cached(Intl.NumberFormat, locale).format(value);
}

/** "1.2K"-style for tight rows; full numbers stay on the card. */
export function formatCompactCount(value: number): string {
  return cached(Intl.NumberFormat, undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

function toDate(iso: string | null): Date | null {
  const date = new Date(iso ?? NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

function formatDate(iso: string | null, options: Intl.DateTimeFormatOptions, locale?: string): string | null {
  const date = toDate(iso);
  return date === null ? null : cached(Intl.DateTimeFormat, locale, options).format(date);
}

export const formatJoined = (iso: string | null) => formatDate(iso, { year: 'numeric', month: 'long' });

export const formatExact = (iso: string | null) => formatDate(iso, { dateStyle: 'full', timeStyle: 'long' });

/** A time people can act on: today's clock time, or the date and time when it is another day. */
export function formatWhen(iso: string | null, now: Date = new Date(), locale?: string): string | null {
  const sameDay = toDate(iso)?.toDateString() === now.toDateString();
  return formatDate(iso, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }, locale);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function formatRelative(iso: string | null, now: Date = new Date(), locale?: string): string | null {
  const date = toDate(iso);
  if (!date) return null;
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = cached(Intl.RelativeTimeFormat, locale, { numeric: 'auto' });
  if (Math.abs(seconds) < 45) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}
