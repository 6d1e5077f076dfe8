import { Link } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { describeRestriction } from "@greentape/domain/restrictions";
import { Loading } from "../../components/loading.tsx";
import { OutboxStatus } from "../../components/outbox-status.tsx";
import { WarningText } from "../../components/warning-text.tsx";
import { NetworkError } from "../../lib/api-client.ts";
import { useReloadWhenOnline } from "../../lib/use-api-data.ts";
import { leftThisMonth, useSpendingNow, type SpendingNow as Now } from "./spending-now-api.ts";
import { formatDay } from "../../lib/format.ts";

/**
 * The top of a spender's home: the button they came for, then whether they may spend, how much is
 * left this month, what they owe, and what the phone has not sent yet. With no signal the button
 * and the phone's outbox still work; the rest says it cannot be checked.
 */
export function SpendingNow({ userId, teamId }: { userId: string; teamId: string | null }) {
  const now = useSpendingNow(userId, teamId);
  useReloadWhenOnline(now.reload);
  return (
    <>
      <Link to="/spends/new" draggable="false" className="govuk-button govuk-button--start">
        Log a spend
        <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
          <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
        </svg>
      </Link>
      <OutboxStatus userId={userId} />
      <section aria-labelledby="spending-now-title" data-testid="spending-now">
        <h2 className="govuk-heading-m" id="spending-now-title">
          Right now
        </h2>
        {now.state.status === "loading" ? (
          <Loading label="Checking what you can spend" />
        ) : now.state.status === "failed" ? (
          <p className="govuk-body">
            {now.state.error instanceof NetworkError
              ? "You seem to be offline, so what you can spend cannot be checked now. You can still log a spend: it is sent when you have a signal."
              : "What you can spend could not be checked just now. The caps are still checked when a spend is sent."}
          </p>
        ) : (
          <NowDetails now={now.state.data} />
        )}
      </section>
    </>
  );
}

function NowDetails({ now }: { now: Now }) {
  const { pause, allowances, todo } = now;
  const owed = pause.overdueSpends.length;
  const overdue = todo.items.filter((i) => i.overdue).length;
  // Restrictions are on the person, so every scheme's answer carries the same ones.
  const restrictions = allowances[0]?.restrictions ?? [];
  return (
    <>
      {restrictions.map((r) =>
        r.kind === "suspend" ? (
          <WarningText key={r.id} testId="restricted">
            {describeRestriction({ ...r, untilOn: r.until })} Reason: {r.reason}
          </WarningText>
        ) : (
          <div key={r.id} className="govuk-inset-text" data-testid="restricted">
            {describeRestriction({ ...r, untilOn: r.until })} Reason: {r.reason}
          </div>
        ),
      )}
      {pause.paused ? (
        <WarningText testId="paused">
          New spends are paused until you catch up: {owed === 1 ? "1 justification is" : `${owed} justifications are`} overdue past the
          grace period. Write {owed === 1 ? "it" : "them"} and your green light comes back at once.
        </WarningText>
      ) : pause.snoozedUntil !== null && owed > 0 ? (
        <p className="govuk-body" data-testid="snoozed">
          Your supervisor has lifted your pause until {formatDay(pause.snoozedUntil)}. Catch up on your justifications before then.
        </p>
      ) : null}

      {pause.paused ? null : (
        <ul className="govuk-list" data-testid="left-this-month">
          {allowances.map((allowance) => {
            const left = leftThisMonth(allowance);
            return (
              <li key={allowance.schemeId}>
                <span className="govuk-!-font-weight-bold">{allowance.schemeName}:</span>{" "}
                {left === null ? "no monthly limit." : `${formatMoney(left, allowance.currency)} left to spend this month.`}
              </li>
            );
          })}
        </ul>
      )}

      <p className="govuk-body" data-testid="todo-count">
        {todo.items.length === 0 ? (
          "Nothing needs you right now: your justifications and follow-ups are up to date."
        ) : (
          <Link className="govuk-link" to="/todo">
            {todo.items.length === 1 ? "1 thing to do" : `${todo.items.length} things to do`}
            {overdue > 0 ? `, ${overdue} overdue` : ""}
          </Link>
        )}
      </p>
    </>
  );
}
