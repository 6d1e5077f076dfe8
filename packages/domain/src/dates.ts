/**
 * Calendar dates are `YYYY-MM-DD` strings and periods are `YYYY-MM` strings, both on the
 * proleptic Gregorian calendar, years 0001–9999. They carry no time zone: a spend happened on a
 * day, wherever the clock was. Valid strings sort correctly with plain `<` / `>`.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parts(date: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function periodParts(period: string): { year: number; month: number } | null {
  const match = PERIOD.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 1 || month < 1 || month > 12) return null;
  return { year, month };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function format(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** True for a real calendar day written `YYYY-MM-DD` ("2026-02-30" and "2026-2-3" are false). */
export function isValidIsoDate(s: string): boolean {
  return parts(s) !== null;
}

function requireDate(date: string): { year: number; month: number; day: number } {
  const p = parts(date);
  if (!p) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return p;
}

function requirePeriod(period: string): { year: number; month: number } {
  const p = periodParts(period);
  if (!p) throw new RangeError(`Not a valid YYYY-MM period: ${JSON.stringify(period)}`);
  return p;
}

// Date.UTC maps years 0–99 to 1900–1999, so set the full year explicitly.
function toEpochDay(date: string): number {
  const { year, month, day } = requireDate(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

function fromEpochDay(epochDay: number): string {
  const d = new Date(epochDay * DAY_MS);
  const year = d.getUTCFullYear();
  if (year < 1 || year > 9999) throw new RangeError(`Date out of range (years 0001–9999)`);
  return format(year, d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The calendar date it is in `timeZone` (an IANA name such as "Europe/London") at instant `now`.
 * A council's "today" is its local day: 00:30 BST on 1 July is already 1 July in London though
 * it is still 30 June in UTC. Throws RangeError for an unknown time zone.
 */
export function todayIn(timeZone: string, now: Date): string {
  const byType = new Map(dayFormatter(timeZone).formatToParts(now).map((p) => [p.type, p.value]));
  const result = format(Number(byType.get("year")), Number(byType.get("month")), Number(byType.get("day")));
  if (!isValidIsoDate(result)) throw new RangeError(`Cannot tell the date in ${timeZone} at ${String(now)}`);
  return result;
}

/** Building a formatter costs far more than using one, and every request asks for today: one per zone. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { timeZone, calendar: "gregory", numberingSystem: "latn", year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `date` moved by a whole number of days (negative goes back). */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** Whole days from `a` to `b` (b − a): daysBetween("2026-01-31", "2026-02-01") === 1. */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** The period (calendar month) a date falls in: "2026-03-15" → "2026-03". */
export function periodOf(date: string): string {
  requireDate(date);
  return date.slice(0, 7);
}

/** A period is open until finance closes it, and never reopens. */
export const PERIOD_STATUSES = ["open", "closed"] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** True for a month written `YYYY-MM` with a month 01–12. */
export function isValidPeriod(s: string): boolean {
  return periodParts(s) !== null;
}

/** First and last day of a period: "2024-02" → { first: "2024-02-01", last: "2024-02-29" }. */
export function periodBounds(period: string): { first: string; last: string } {
  const { year, month } = requirePeriod(period);
  return { first: format(year, month, 1), last: format(year, month, daysInMonth(year, month)) };
}

/** The month after: "2025-12" → "2026-01". */
export function nextPeriod(period: string): string {
  const { year, month } = requirePeriod(period);
  if (month === 12) {
    if (year === 9999) throw new RangeError("No period after 9999-12");
    return `${pad(year + 1, 4)}-01`;
  }
  return `${pad(year, 4)}-${pad(month + 1, 2)}`;
}
