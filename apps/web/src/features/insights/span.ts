// The span of months a page covers, read from its address so a view can be bookmarked and shared:
// `?from=2026-01&to=2026-06`. Anything missing or unreadable falls back to the last twelve months.
import { isValidPeriod } from "@greentape/domain/dates";
import { MAX_SPAN_MONTHS, monthsInSpan } from "@greentape/domain/insights-input";

/** How far back the month lists reach. */
export const MONTHS_OFFERED = 36;

function index(period: string): number {
  return Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1;
}

function fromIndex(i: number): string {
  return `${String(Math.floor(i / 12)).padStart(4, "0")}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** "2026-03" moved by some months: shiftPeriod("2026-03", -3) === "2025-12". */
export function shiftPeriod(period: string, months: number): string {
  return fromIndex(index(period) + months);
}

export interface Span {
  from: string;
  to: string;
}

/** The last twelve months, this one included. */
export function defaultSpan(current: string): Span {
  return { from: shiftPeriod(current, -11), to: current };
}

/** The span the address asks for, if it is a real one (from before to, at most MAX_SPAN_MONTHS); otherwise the default. */
export function readSpan(params: URLSearchParams, current: string): Span {
  const from = params.get("from");
  const to = params.get("to");
  if (from === null || to === null || !isValidPeriod(from) || !isValidPeriod(to)) return defaultSpan(current);
  const months = monthsInSpan(from, to);
  return months >= 1 && months <= MAX_SPAN_MONTHS ? { from, to } : defaultSpan(current);
}

/** The months a person can choose, newest first, always including the span's own. */
export function monthChoices(current: string, span: Span): string[] {
  const months = new Set<string>();
  for (let i = 0; i < MONTHS_OFFERED; i++) months.add(shiftPeriod(current, -i));
  months.add(span.from);
  months.add(span.to);
  return [...months].sort().reverse();
}
