// Dates as people in a UK council read them, for the web and for the files the API prints.
// Calendar days and months are formatted in UTC so they never shift; an instant is shown in the
// council's time zone, which the caller passes (the API from its config, the web from the server).

const dayFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const instantFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-03-31" → "31 March 2026"; anything that is not a date is shown as it came. */
export function dayInWords(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayFormat.format(parsed);
}

/** "2026-03" → "March 2026"; anything else is shown as it came. */
export function monthInWords(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return period;
  return monthFormat.format(new Date(Date.UTC(Number(match[1]), month - 1, 1)));
}

/** An instant in `timeZone`: "31 March 2026 at 4:05pm". */
export function instantInWords(iso: string, timeZone: string): string {
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) return iso;
  let format = instantFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit", hour12: true, timeZone });
    instantFormats.set(timeZone, format);
  }
  const parts = new Map(format.formatToParts(parsed).map((p) => [p.type, p.value]));
  return `${parts.get("day")} ${parts.get("month")} ${parts.get("year")} at ${parts.get("hour")}:${parts.get("minute")}${(parts.get("dayPeriod") ?? "").toLowerCase().replace(/\s|\./g, "")}`;
}
