import { useCallback } from "react";
import { Link, useParams } from "../../lib/router.tsx";
import * as Plot from "@observablehq/plot";
import { formatMoney } from "@greentape/domain/money";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { countOf, formatPeriod, formatShare } from "../../lib/format.ts";
import { CHART_COLOURS, labelMargin } from "../../lib/chart-style.ts";
import { PlotChart } from "../../components/plot-chart.tsx";
import { PeriodStatusTag } from "./period-status-tag.tsx";
import { BREAKDOWN_DIMENSIONS, useBreakdown } from "./periods-api.ts";
import type { Breakdown, BreakdownGroup } from "@greentape/contract/periods";

/** One period's spending by team, category, scheme and payment method: a chart and its table for each. */
export function BreakdownPage() {
  const { period = "" } = useParams();
  const name = formatPeriod(period);
  usePageTitle(`${name} broken down`);
  const { state, reload } = useBreakdown(period);

  return (
    <>
      <Link className="govuk-back-link" to={`/periods/${encodeURIComponent(period)}`}>
        {name}
      </Link>
      <span className="govuk-caption-l">Period {period}</span>
      <h1 className="govuk-heading-l">{name} broken down</h1>
      {state.status === "loading" ? <Loading label={`Loading the breakdown of ${name}`} /> : null}
      {state.status === "failed" ? <LoadFailed what={`the breakdown of ${name}`} error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <BreakdownFigures breakdown={state.data} name={name} /> : null}
    </>
  );
}

function BreakdownFigures({ breakdown, name }: { breakdown: Breakdown; name: string }) {
  if (breakdown.totals.length === 0) return <p className="govuk-body">Nothing was booked in {name}.</p>;
  return (
    <>
      <p className="govuk-body">
        <PeriodStatusTag status={breakdown.status} />{" "}
        {breakdown.status === "closed"
          ? "As the month was closed: from the rows its files were frozen with."
          : "Open: these figures move as spends are logged or voided."}{" "}
        Amounts are net: voided spends count nothing and reversals count against the month they were booked in. Each breakdown adds up to the
        month&rsquo;s{" "}
        {breakdown.totals.map((t, i) => (
          <span key={t.currency}>
            {i > 0 ? " and " : ""}
            <strong data-testid={`breakdown-total-${t.currency}`}>{formatMoney(t.total, t.currency)}</strong> over {countOf(t.count, "spend")}
          </span>
        ))}
        .
      </p>
      {BREAKDOWN_DIMENSIONS.map((dimension) => (
        <section key={dimension.key} aria-labelledby={`by-${dimension.key}`}>
          <h2 className="govuk-heading-m" id={`by-${dimension.key}`}>
            By {dimension.noun}
          </h2>
          <TotalsChart groups={breakdown.groups[dimension.key]} noun={dimension.noun} testId={`chart-${dimension.key}`} />
          <ScrollTable
            caption={`${name}: spends and net total by ${dimension.noun}`}
            testId={`table-${dimension.key}`}
            columns={[dimension.heading, { header: "Spends", numeric: true }, { header: "Net total", numeric: true }, { header: "Share of the month", numeric: true }]}
          >
            {breakdown.groups[dimension.key].map((group) => (
              <tr className="govuk-table__row" key={`${group.key} ${group.currency}`}>
                <th scope="row" className="govuk-table__header">
                  {group.label}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{group.count.toLocaleString("en-GB")}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric gt-nowrap">{formatMoney(group.total, group.currency)}</td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{shareOf(group, breakdown)}</td>
              </tr>
            ))}
          </ScrollTable>
        </section>
      ))}
    </>
  );
}

/** The group's part of its currency's month total; none when that total is nothing. */
function shareOf(group: BreakdownGroup, breakdown: Breakdown): string {
  const total = breakdown.totals.find((t) => t.currency === group.currency)?.total ?? 0;
  return total === 0 ? "–" : formatShare(group.total / total);
}

function TotalsChart({ groups, noun, testId }: { groups: BreakdownGroup[]; noun: string; testId: string }) {
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const bars = groups.map((g) => ({ label: g.label, pounds: g.total / 100 }));
      return {
        height: 50 + 36 * Math.max(bars.length, 1),
        marginLeft: labelMargin(bars.map((b) => b.label), width),
        marginRight: 24,
        x: { label: "Net total (£)", grid: true, ticks: width < 500 ? 4 : 8, tickFormat: (d: number) => `£${d.toLocaleString("en-GB")}` },
        y: { label: null, domain: bars.map((b) => b.label) },
        marks: [Plot.barX(bars, { y: "label", x: "pounds", fill: CHART_COLOURS.brand }), Plot.ruleX([0])],
      };
    },
    [groups],
  );
  return <PlotChart label={`Chart: net total by ${noun}, largest first. The table below gives the figures.`} options={options} testId={testId} />;
}
