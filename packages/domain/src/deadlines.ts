/**
 * Deadlines as instants. A due date is a local day: the work is due by the end of that day in the
 * council's time zone, which is also the moment tracks.ts starts calling it overdue (today > dueOn).
 */
import { addDays, isValidIsoDate } from "./dates.ts";

/** How long before a justification falls due the worker is warned. */
export const DUE_SOON_WARNING_HOURS = 48;
const HOUR_MS = 3_600_000;

/** How far the wall clock in `timeZone` is ahead of UTC at `at`, in milliseconds. */
function offsetAt(timeZone: string, at: number): number {
  const formatter = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    calendar: "gregory",
    numberingSystem: "latn",
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const part = new Map(formatter.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const wall = new Date(0);
  wall.setUTCFullYear(part.get("year") ?? 0, (part.get("month") ?? 1) - 1, part.get("day") ?? 1);
  wall.setUTCHours(part.get("hour") ?? 0, part.get("minute") ?? 0, part.get("second") ?? 0, 0);
  const wholeSeconds = Math.floor(at / 1000) * 1000;
  return wall.getTime() - wholeSeconds;
}

/**
 * The instant local midnight begins `date` in `timeZone`. Offsets are read twice so a day that
 * starts just after a daylight-saving change still lands on its own midnight.
 */
export function startOfDayIn(timeZone: string, date: string): Date {
  if (!isValidIsoDate(date)) throw new RangeError(`Not a valid YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const utcMidnight = new Date(0);
  utcMidnight.setUTCFullYear(year, month - 1, day);
  const guess = utcMidnight.getTime() - offsetAt(timeZone, utcMidnight.getTime());
  return new Date(utcMidnight.getTime() - offsetAt(timeZone, guess));
}

/** The instant work due on `dueOn` becomes overdue: the start of the next local day. */
export function dueInstant(timeZone: string, dueOn: string): Date {
  return startOfDayIn(timeZone, addDays(dueOn, 1));
}

/** True from `hours` before the deadline until the deadline itself (after that it is overdue, not "due soon"). */
export function isDueSoon(timeZone: string, dueOn: string, now: Date, hours = DUE_SOON_WARNING_HOURS): boolean {
  const due = dueInstant(timeZone, dueOn).getTime();
  return now.getTime() >= due - hours * HOUR_MS && now.getTime() < due;
}
