import { councilTimeZone } from "../lib/council-settings.ts";
import { formatTimestamp } from "../lib/format.ts";

/** "Last updated 14:02, you are offline": a list shown from what the phone last saw. */
export function LastSeenNote({ at }: { at: string }) {
  const zone = councilTimeZone();
  const day = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(d);
  const seen = new Date(at);
  const when =
    day(seen) === day(new Date()) ? new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: zone }).format(seen) : formatTimestamp(at);
  return (
    <div className="govuk-inset-text" role="status" data-testid="last-seen">
      Last updated {when}, you are offline. This is what this phone last saw; it updates when you have a signal.
    </div>
  );
}
