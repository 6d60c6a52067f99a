/** Display formatting for numbers and dates; the locale comes from the browser (the OS in Electron). */

/** Intl formatters are costly to build and a card needs several: build each kind once. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(
  kind: string,
  locale: string | undefined,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter as T;
}

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

export function formatCount(value: number | null, locale?: string): string {
  if (value === null) return '—';
  return numberFormat(locale).format(value);
}

/** "1.2K"-style for tight rows; full numbers stay on the card. */
export function formatCompactCount(value: number | null, locale?: string): string {
  if (value === null) return '—';
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

function toDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatJoined(iso: string | null, locale?: string): string | null {
  const date = toDate(iso);
  if (!date) return null;
  return dateFormat(locale, { year: 'numeric', month: 'long' }).format(date);
}

export function formatExact(iso: string | null, locale?: string): string | null {
  const date = toDate(iso);
  if (!date) return null;
  return dateFormat(locale, { dateStyle: 'full', timeStyle: 'long' }).format(date);
}

/** A time people can act on: today's clock time, or the date and time when it is another day. */
export function formatWhen(iso: string | null, now: Date = new Date(), locale?: string): string | null {
  const date = toDate(iso);
  if (!date) return null;
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? dateFormat(locale, { timeStyle: 'short' }).format(date)
    : dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
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
  const format = cached('relative', locale, {}, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  if (Math.abs(seconds) < 45) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}
