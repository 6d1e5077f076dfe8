import { useEffect, useRef } from "react";
import { formatMoney } from "@greentape/domain/money";
import { NotificationBanner } from "../../components/notification-banner.tsx";
import { formatDay } from "../../lib/format.ts";
import type { OutboxProblem } from "../../lib/outbox.ts";
import { Link } from "../../lib/router.tsx";

/** The server paused the worker's spending: why, and the overdue justifications that lift the pause. */
export function PausedBanner({ problem }: { problem: OutboxProblem }) {
  const banner = useRef<HTMLDivElement>(null);
  // Nothing in the form can put this right, so focus goes to the banner that says what can.
  useEffect(() => {
    banner.current?.focus();
  }, [problem]);
  return (
    <NotificationBanner role="alert" titleId="paused-title" testId="paused" focusRef={banner} heading={problem.title}>
      {problem.detail ? <p className="govuk-body">{problem.detail}</p> : null}
      {problem.overdueSpends.length > 0 ? (
        <>
          <p className="govuk-body">Justify these spends to carry on:</p>
          <ul className="govuk-list govuk-list--bullet">
            {problem.overdueSpends.map((spend) => (
              <li key={spend.id}>
                <Link className="govuk-notification-banner__link" to={`/spends/${spend.id}/justify`}>
                  Justify {spend.amount !== undefined ? formatMoney(spend.amount, spend.currency ?? "GBP") : "the spend"}
                  {spend.payee ? ` paid to ${spend.payee}` : ""}
                  {spend.spentOn ? ` on ${formatDay(spend.spentOn)}` : ""}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="govuk-body">What you entered is still below.</p>
    </NotificationBanner>
  );
}
