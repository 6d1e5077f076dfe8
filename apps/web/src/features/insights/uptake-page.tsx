import { useId } from "react";
import type { FormEvent } from "react";
import { useSearchParams } from "../../lib/router.tsx";
import { isValidPeriod } from "@greentape/domain/dates";
import { formatMoney } from "@greentape/domain/money";
import type { Uptake } from "@greentape/contract/insights";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { countOf, currentPeriod, formatDay, formatPeriod, formatShare } from "../../lib/format.ts";

import { InsightsFrame } from "./insights-frame.tsx";
import { useUptake } from "./insights-api.ts";
import { monthChoices } from "./span.ts";

/**
 * How much of the freedom each team uses in a month, in the teams' own order (by name): never a
 * ranking. A supervisor also sees who in their team has not spent in 90 days, to ask whether
 * something stands in their way, not to chase them.
 */
export function UptakePage() {
  const [params, setParams] = useSearchParams();
  const current = currentPeriod();
  const asked = params.get("month");
  const month = asked !== null && isValidPeriod(asked) && asked <= current ? asked : current;
  const { state, reload } = useUptake(month);
  const monthField = useId();

  function chooseMonth(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams({ month: String(new FormData(event.currentTarget).get("month")) });
  }

  return (
    <InsightsFrame title="Uptake">
      <p className="govuk-body">How much of the freedom to spend each team used in a month, how many of its people used it, and how many have not used it in the last 90 days.</p>
      <form className="gt-span-form" onSubmit={chooseMonth} noValidate>
        <div className="govuk-form-group gt-span-form__field">
          <label className="govuk-label govuk-label--s" htmlFor={monthField}>
            Month
          </label>
          <select className="govuk-select" id={monthField} name="month" defaultValue={month} key={month}>
            {monthChoices(current, { from: month, to: month }).map((m) => (
              <option value={m} key={m}>
                {formatPeriod(m)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary gt-span-form__button" data-module="govuk-button">
          Show
        </button>
      </form>
      {state.status === "loading" ? <Loading label="Loading uptake" /> : null}
      {state.status === "failed" ? <LoadFailed what="uptake" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <UptakeFigures uptake={state.data} /> : null}
    </InsightsFrame>
  );
}

function UptakeFigures({ uptake }: { uptake: Uptake }) {
  const month = formatPeriod(uptake.period);
  return (
    <>
      <ScrollTable
        caption={`Uptake by team, ${month}`}
        testId="uptake-table"
        columns={[
          "Team",
          { header: "People who may spend", numeric: true },
          { header: "Used it this month", numeric: true },
          { header: "Spent", numeric: true },
          { header: "Monthly budget", numeric: true },
          { header: "Share used", numeric: true },
          { header: "Not used in 90 days", numeric: true },
        ]}
      >
        {uptake.teams.map((team) => (
          <tr className="govuk-table__row" key={team.teamId}>
            <th scope="row" className="govuk-table__header">
              {team.teamName}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{team.workers.toLocaleString("en-GB")}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{team.workersWhoSpent.toLocaleString("en-GB")}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{formatMoney(team.amount)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{team.allowance === null ? "No budget set" : formatMoney(team.allowance)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{team.usedShare === null ? "–" : formatShare(team.usedShare)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{team.notUsedIn90Days.toLocaleString("en-GB")}</td>
          </tr>
        ))}
      </ScrollTable>
      {uptake.teams
        .filter((team) => team.people !== null)
        .map((team) => (
          <section key={team.teamId} aria-labelledby={`not-used-${team.teamId}`}>
            <h2 className="govuk-heading-m" id={`not-used-${team.teamId}`}>
              Not used in the 90 days to {formatDay(uptake.asOf)}
            </h2>
            {team.people?.length ? (
              <>
                <p className="govuk-body">
                  {countOf(team.people.length, "person", "people")} in {team.teamName} have not spent in 90 days. It may be worth asking whether anything stands in their
                  way.
                </p>
                <ul className="govuk-list govuk-list--bullet" data-testid="not-used-people">
                  {team.people.map((person) => (
                    <li key={person.id}>
                      {person.name}: {person.lastSpentOn ? `last spent on ${formatDay(person.lastSpentOn)}` : "has never spent"}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="govuk-body">Everyone in {team.teamName} has spent in the last 90 days.</p>
            )}
          </section>
        ))}
    </>
  );
}
