// Dates, months and counts as people in a UK council read them. Calendar days and months are
// formatted in UTC so they never shift; instants are shown in the council's time zone.

import { councilDateFormat } from "./council-settings.ts";

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const shortDayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const timestampOptions = { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true } as const;

/** "2026-03-31" → "31 March 2026" (a calendar day, never shifted by time zones). */
export function formatDay(date: string | null | undefined): string {
  if (!date) return "";
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayFormat.format(parsed);
}

/** "2026-03-31" → "31 Mar". */
export function formatShortDay(date: string | null | undefined): string {
  if (!date) return "";
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : shortDayFormat.format(parsed);
}

/** An instant, as a person in the council reads it: "31 March 2026 at 2:05pm". */
export function formatTimestamp(iso: string | null | undefined): string {
  if (!iso) return "";
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  const parts = new Map(councilDateFormat("en-GB", timestampOptions).formatToParts(parsed).map((p) => [p.type, p.value]));
  return `${parts.get("day")} ${parts.get("month")} ${parts.get("year")} at ${parts.get("hour")}:${parts.get("minute")}${(parts.get("dayPeriod") ?? "").toLowerCase().replace(/\s|\./g, "")}`;
}

/** "2026-03" → "March 2026"; anything else is shown as it came. */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return period;
  return monthFormat.format(new Date(Date.UTC(Number(match[1]), month - 1, 1)));
}

/** The period the council's calendar is in now, e.g. "2026-03". */
export function currentPeriod(now = new Date()): string {
  return councilDateFormat("en-CA", { year: "numeric", month: "2-digit" }).format(now).slice(0, 7);
}

/** "1 spend", "1,200 spends". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}
