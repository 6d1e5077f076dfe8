import { Link } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { PeriodStatusTag } from "./period-status-tag.tsx";
import { usePeriods } from "./periods-api.ts";
import { formatPeriod } from "../../lib/format.ts";

/** Every period with its count, total and status; newest first. */
export function PeriodsPage() {
  usePageTitle("Periods");
  const { state, reload } = usePeriods();

  return (
    <>
      <h1 className="govuk-heading-l">Periods</h1>
      <p className="govuk-body">
        Each month&rsquo;s spending. Totals are net of voids and reversals. Choose a month to download its exports or
        close it.
      </p>
      {state.status === "loading" ? <Loading label="Loading periods" /> : null}
      {state.status === "failed" ? <LoadFailed what="the periods" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" && state.data.length === 0 ? (
        <p className="govuk-body">No spends have been logged yet, so there are no periods to show.</p>
      ) : null}
      {state.status === "loaded" && state.data.length > 0 ? (
        <ScrollTable caption="Periods, newest first" testId="periods" columns={["Month and status", { header: "Spends", numeric: true }, { header: "Total", numeric: true }, { header: "Unjustified", numeric: true }]}>
          {[...state.data]
            .sort((a, b) => b.period.localeCompare(a.period))
            .map((period) => (
              <tr className="govuk-table__row" key={period.period} data-period={period.period}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`/periods/${period.period}`}>
                    {formatPeriod(period.period)}
                  </Link>
                  <span className="gt-table-secondary govuk-!-margin-top-1">
                    <PeriodStatusTag status={period.status} />
                  </span>
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{period.count.toLocaleString("en-GB")}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric gt-nowrap" data-testid="period-total">
                  {formatMoney(period.total)}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {period.unjustifiedCount.toLocaleString("en-GB")}
                </td>
              </tr>
            ))}
        </ScrollTable>
      ) : null}
    </>
  );
}
