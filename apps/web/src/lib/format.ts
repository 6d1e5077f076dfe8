// Dates, months and counts as people in a UK council read them. Calendar days and months are
// formatted in UTC so they never shift; instants are shown in the council's time zone.

import { dayInWords, instantInWords, monthInWords } from "@greentape/domain/dates-in-words";
import { councilDateFormat, councilTimeZone } from "./council-settings.ts";

const shortDayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "2026-03-31" → "31 March 2026" (a calendar day, never shifted by time zones). */
export function formatDay(date: string | null | undefined): string {
  return date ? dayInWords(date) : "";
}

/** "2026-03-31" → "31 Mar". */
export function formatShortDay(date: string | null | undefined): string {
  if (!date) return "";
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : shortDayFormat.format(parsed);
}

/** An instant, as a person in the council reads it: "31 March 2026 at 2:05pm". */
export function formatTimestamp(iso: string | null | undefined): string {
  return iso ? instantInWords(iso, councilTimeZone()) : "";
}

/** "2026-03" → "March 2026"; anything else is shown as it came. */
export const formatPeriod = monthInWords;

/** The period the council's calendar is in now, e.g. "2026-03". */
export function currentPeriod(now = new Date()): string {
  return councilDateFormat("en-CA", { year: "numeric", month: "2-digit" }).format(now).slice(0, 7);
}

/** "1 spend", "1,200 spends". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** 0.8 → "80%"; below 10% one decimal place, so 0.04 and 0.004 do not both read "0%". */
export function formatShare(share: number): string {
  const percent = share * 100;
  const rounded = Math.abs(percent) < 10 && percent !== 0 ? Math.round(percent * 10) / 10 : Math.round(percent);
  return `${rounded.toLocaleString("en-GB")}%`;
}

/** How many of the team's justifications wait for this supervisor. */
export function waitingForReview(n: number): string {
  if (n === 0) return "Nothing is waiting for your review.";
  return n === 1 ? "1 justification is waiting for your review." : `${n} justifications are waiting for your review.`;
}
