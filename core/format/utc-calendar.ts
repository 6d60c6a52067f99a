/**
 * Proleptic Gregorian calendar arithmetic in UTC (Howard Hinnant's days-from-civil and its
 * inverse), so a date becomes its ISO 8601 string without a Date object: every user on the follow
 * path carries two dates, and `toISOString` alone cost more than the rest of reading them.
 */

const MS_PER_DAY = 86_400_000;
const DAYS_PER_ERA = 146_097;
/** Days from 0000-03-01, where the algorithm's years start, to 1970-01-01. */
const EPOCH_SHIFT = 719_468;
/** ECMAScript's time range: beyond it there is no Date and no ISO string. */
const MAX_MS = 8.64e15;

/** Days since 1970-01-01 of a calendar day; month 1–12, any year (not Date.UTC's 0–99 → 19xx). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_ERA + dayOfEra - EPOCH_SHIFT;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function yearText(year: number): string {
  if (year >= 1000 && year <= 9999) return String(year);
  return year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(Math.abs(year), 6)}`;
}

/** `toISOString`'s exact output (`±YYYYYY` outside years 0–9999), or null outside its range. */
export function isoFromEpochMs(ms: number): string | null {
  if (!Number.isInteger(ms) || Math.abs(ms) > MAX_MS) return null;
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const shifted = days + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_ERA);
  const dayOfEra = shifted - era * DAYS_PER_ERA;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);

  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millisecond = rest - second * 1000;

  // Table lookups rather than padStart: this runs twice on every follow.
  const fraction = millisecond === 0 ? '000' : pad(millisecond, 3);
  return (
    `${yearText(year)}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T` +
    `${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${fraction}Z`
  );
}
