import { councilDateFormat } from "../../lib/council-settings.ts";

const dayFromTimestamp = () => councilDateFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });

/** Whole days from an ISO timestamp to now, counted in the council's calendar. */
export function daysSince(timestamp: string, now = new Date()): number {
  const from = Date.parse(`${dayFromTimestamp().format(new Date(timestamp))}T00:00:00Z`);
  const to = Date.parse(`${dayFromTimestamp().format(now)}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

/** "today", "yesterday", "3 days ago". */
export function ago(days: number): string {
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}
