import { Link, useSearchParams } from "../../lib/router.tsx";
import { isValidPeriod, nextPeriod } from "@greentape/domain/dates";
import { formatMoney } from "@greentape/domain/money";
import { FOLLOW_UP_OUTCOMES, FOLLOW_UP_OUTCOME_LABELS } from "@greentape/domain/workflow-input";
import type { OverdueItem, TeamSummary } from "@greentape/contract/worklists";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { formatDay, formatPeriod } from "../../lib/format.ts";
import { PauseStatus } from "./pause-status.tsx";
import { useTeamPauses, useTeamSummary } from "./team-summary-api.ts";
import "../../styles/office-components.scss";
import "./team-summary.scss";

function previousPeriod(period: string): string {
  const [year = 0, month = 1] = period.split("-").map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 100);
}

const NEEDS: Record<string, string> = {
  justify: "Justification",
  answer_query: "Answer to a question",
  follow_up: "Client follow-up",
};

/** The supervisor's view of the team: spend against budget, what is overdue, and what clients said. */
export function TeamSummaryPage() {
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const asked = params.get("period");
  const period = asked !== null && isValidPeriod(asked) ? asked : null;
  const { state, reload } = useTeamSummary(period);
  const summary = state.status === "loaded" ? state.data : null;
  usePageTitle(summary ? `Team summary for ${formatPeriod(summary.period)}` : "Team summary");

  return (
    <>
      <span className="govuk-caption-l">{summary?.team.name ?? user.teamName ?? "Your team"}</span>
      <h1 className="govuk-heading-l">Team summary</h1>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to="/team/people">
            Your team's people: allowance used, to-dos and pauses
          </Link>
        </li>
        <li>
          <Link className="govuk-link" to="/team/spends">
            All the team's spends, filtered and downloadable
          </Link>
        </li>
      </ul>
      {state.status === "loading" ? <Loading label="Loading the team summary" /> : null}
      {state.status === "failed" ? <LoadFailed what="the team summary" error={state.error} onRetry={reload} /> : null}
      {summary ? <Summary summary={summary} /> : null}
    </>
  );
}

function Summary({ summary }: { summary: TeamSummary }) {
  const current = summary.today.slice(0, 7);
  const later = nextPeriod(summary.period);
  return (
    <>
      <div className="gt-month-nav">
        <h2 className="govuk-heading-m gt-month-nav__current" data-testid="summary-period">
          {formatPeriod(summary.period)}
        </h2>
        <Link className="govuk-link gt-month-nav__link" to={`?period=${previousPeriod(summary.period)}`}>
          <span aria-hidden="true">‹ </span>
          <span className="govuk-visually-hidden">Previous month: </span>
          {formatPeriod(previousPeriod(summary.period))}
        </Link>
        {later <= current ? (
          <Link className="govuk-link gt-month-nav__link gt-month-nav__link--next" to={`?period=${later}`}>
            <span className="govuk-visually-hidden">Next month: </span>
            {formatPeriod(later)}
            <span aria-hidden="true"> ›</span>
          </Link>
        ) : null}
      </div>

      <h2 className="govuk-heading-m">Spending against budget</h2>
      {summary.schemes.length === 0 ? <p className="govuk-body">No scheme applies to your team.</p> : null}
      {summary.schemes.map((scheme) => {
        const budget = scheme.teamMonthlyBudget;
        const used = budget === null ? null : percent(scheme.spent, budget);
        return (
          <div className="gt-budget" key={scheme.schemeId}>
            <h3 className="govuk-heading-s gt-budget__name">{scheme.name}</h3>
            <p className="govuk-body gt-budget__figures">
              <strong>{formatMoney(scheme.spent, scheme.currency)}</strong> spent
              {budget === null ? " (no team budget)" : ` of ${formatMoney(budget, scheme.currency)} (${used === 0 && scheme.spent > 0 ? "under 1%" : `${used}%`})`}
              {", "}
              {scheme.spendCount === 1 ? "1 spend" : `${scheme.spendCount} spends`}.
              {scheme.remaining !== null ? ` ${formatMoney(scheme.remaining, scheme.currency)} left.` : ""}
            </p>
            {used !== null ? (
              <div className="gt-bar" aria-hidden="true">
                <div className="gt-bar__fill" style={{ width: `${Math.min(100, used)}%` }} />
              </div>
            ) : null}
          </div>
        );
      })}

      <h2 className="govuk-heading-m">Overdue now</h2>
      <ul className="govuk-list gt-counts">
        <li className="gt-counts__item">
          <span className="gt-counts__number" data-testid="overdue-justifications">
            {summary.overdue.justifications}
          </span>{" "}
          {summary.overdue.justifications === 1 ? "justification" : "justifications"} overdue
        </li>
        <li className="gt-counts__item">
          <span className="gt-counts__number" data-testid="overdue-follow-ups">
            {summary.overdue.followUps}
          </span>{" "}
          client {summary.overdue.followUps === 1 ? "follow-up" : "follow-ups"} overdue
        </li>
      </ul>
      {summary.overdue.items.length > 0 ? <OverdueTable items={summary.overdue.items} /> : <p className="govuk-body">Nothing is overdue.</p>}

      <h2 className="govuk-heading-m">Paused now</h2>
      <PausedMembers />

      <h2 className="govuk-heading-m">What clients said in {formatPeriod(summary.period)}</h2>
      <Outcomes outcomes={summary.outcomes} />
    </>
  );
}

/** Who in the team cannot log new spends until they catch up, and whose pause a snooze holds off. */
function PausedMembers() {
  const { state, reload } = useTeamPauses();
  if (state.status === "loading") return <Loading label="Loading who is paused" />;
  if (state.status === "failed") return <LoadFailed what="who is paused" error={state.error} onRetry={reload} />;
  if (state.data.items.length === 0) return <p className="govuk-body">Nobody in your team is paused.</p>;
  return (
    <ul className="govuk-list gt-paused" data-testid="paused-members">
      {state.data.items.map((member) => (
        <li key={member.worker.id} className="gt-paused__member">
          <Link className="govuk-link govuk-!-font-weight-bold" to={`/team/workers/${member.worker.id}`}>
            {member.worker.name}
          </Link>
          <PauseStatus pause={member} />
        </li>
      ))}
    </ul>
  );
}

function OverdueTable({ items }: { items: OverdueItem[] }) {
  return (
    <ScrollTable caption="Overdue items, most overdue first" columns={["Worker", "What is overdue", "Was due", "Spend"]}>
      {items.map((item) => (
        <tr className="govuk-table__row" key={`${item.spend.id}:${item.need}`}>
          <td className="govuk-table__cell">
            <Link className="govuk-link" to={`/team/workers/${item.worker.id}`}>
              {item.worker.name}
            </Link>
          </td>
          <td className="govuk-table__cell">{NEEDS[item.need] ?? item.need}</td>
          <td className="govuk-table__cell gt-nowrap">{formatDay(item.dueOn)}</td>
          <td className="govuk-table__cell">
            <Link className="govuk-link" to={`/review/${item.spend.id}`}>
              {formatMoney(item.spend.amount, item.spend.currency)} on {item.spend.category}
              <span className="govuk-visually-hidden">, paid to {item.spend.payee}</span>
            </Link>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

function Outcomes({ outcomes }: { outcomes: Record<string, number> }) {
  const total = FOLLOW_UP_OUTCOMES.reduce((sum, o) => sum + (outcomes[o] ?? 0), 0);
  if (total === 0) return <p className="govuk-body">No client follow-ups were recorded for spends in this month yet.</p>;
  return (
    <table className="govuk-table gt-outcomes">
      <caption className="govuk-table__caption govuk-table__caption--s">
        {total === 1 ? "1 follow-up" : `${total} follow-ups`} recorded
      </caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row">
          <th scope="col" className="govuk-table__header">
            The client said
          </th>
          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
            Spends
          </th>
          <th scope="col" className="govuk-table__header gt-outcomes__share">
            Share
          </th>
        </tr>
      </thead>
      <tbody className="govuk-table__body">
        {FOLLOW_UP_OUTCOMES.map((outcome) => {
          const n = outcomes[outcome] ?? 0;
          const share = percent(n, total);
          return (
            <tr className="govuk-table__row" key={outcome}>
              <th scope="row" className="govuk-table__header">
                {FOLLOW_UP_OUTCOME_LABELS[outcome]}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{n}</td>
              <td className="govuk-table__cell gt-outcomes__share">
                <span className="gt-outcomes__percent">{share}%</span>
                <span className="gt-bar gt-bar--inline" aria-hidden="true">
                  <span className="gt-bar__fill" style={{ width: `${share}%` }} />
                </span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
