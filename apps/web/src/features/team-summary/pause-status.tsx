import type { MemberPause } from "@greentape/contract/pauses";
import { formatDay } from "../../lib/format.ts";

function justifications(n: number): string {
  return n === 1 ? "1 justification" : `${n} justifications`;
}

/** A team member's pause in a sentence: paused and why, or lifted until when. */
export function PauseStatus({ pause }: { pause: MemberPause }) {
  const owed = justifications(pause.overdueSpends.length);
  if (pause.paused) {
    return (
      <p className="govuk-body govuk-!-margin-bottom-2" data-testid="pause-status">
        <strong className="govuk-tag govuk-tag--red">Paused</strong> {owed} overdue past the grace period.
      </p>
    );
  }
  return (
    <p className="govuk-body govuk-!-margin-bottom-2" data-testid="pause-status">
      <strong className="govuk-tag govuk-tag--yellow">Pause lifted</strong> until {formatDay(pause.snoozedUntil ?? "")}, with {owed}{" "}
      still overdue. Lifted {pause.snoozesInARow === 1 ? "once" : `${pause.snoozesInARow} times`} in a row.
    </p>
  );
}
