import { useCallback, useMemo } from "react";
import * as Plot from "@observablehq/plot";
import { EQUALITY_DIMENSIONS, type EqualityDimension } from "@greentape/domain/equality-monitoring";
import type { Equity } from "@greentape/contract/insights";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { countOf, formatShare } from "../../lib/format.ts";
import { CHART_COLOURS, labelMargin } from "../../lib/chart-style.ts";
import { lorenzDeciles } from "./figures.ts";
import { describeSpan, InsightsFrame, SpanForm, useSpan } from "./insights-frame.tsx";
import { useEquity } from "./insights-api.ts";
import { PlotChart } from "../../components/plot-chart.tsx";

type GroupShare = Equity["byGroup"][number];

/** Who the spend reaches: how evenly it spreads across the caseload, and each group's share of it. */
export function EquityPage() {
  const span = useSpan();
  const { state, reload } = useEquity(span);
  return (
    <InsightsFrame title="Equity">
      <p className="govuk-body">
        Discretion can favour the people a worker finds easiest to help. These figures show how evenly the money spreads across the caseload, and each
        group&rsquo;s share of the spend beside its share of the clients, where clients&rsquo; equality monitoring answers are recorded.
      </p>
      <SpanForm span={span} />
      {state.status === "loading" ? <Loading label="Loading the equity figures" /> : null}
      {state.status === "failed" ? <LoadFailed what="the equity figures" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <EquityFigures equity={state.data} spanText={describeSpan(span)} /> : null}
    </InsightsFrame>
  );
}

function EquityFigures({ equity, spanText }: { equity: Equity; spanText: string }) {
  const dimensions = useMemo(() => [...new Set(equity.byGroup.map((g) => g.dimension))], [equity]);
  return (
    <>
      <h2 className="govuk-heading-m">How evenly the money spreads</h2>
      <ul className="gt-figures" data-testid="equity-figures">
        <li className="gt-figures__item">
          <span className="gt-figures__value">{equity.clientsWithSpend.toLocaleString("en-GB")}</span> of {countOf(equity.clients, "client")} in the caseload had a
          spend
        </li>
        <li className="gt-figures__item">
          <span className="gt-figures__value">{equity.gini === null ? "No spend" : `Gini ${equity.gini.toFixed(2)}`}</span>0 would mean every client had the same; 1,
          that one client had it all
        </li>
      </ul>
      {equity.lorenz.length > 1 ? <LorenzChart lorenz={equity.lorenz} /> : null}
      {equity.lorenz.length > 1 ? (
        <ScrollTable caption={`Share of spend held by the clients with the least, ${spanText}`} testId="lorenz-table" columns={["Clients with the least spend", { header: "Their share of the spend", numeric: true }]}>
          {lorenzDeciles(equity.lorenz).map((d) => (
            <tr className="govuk-table__row" key={d.clients}>
              <th scope="row" className="govuk-table__header">
                {d.clients === 1 ? "All clients" : `The ${formatShare(d.clients)} with the least`}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatShare(d.spend)}</td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}

      <h2 className="govuk-heading-m">Share of spend beside share of the caseload</h2>
      {dimensions.length === 0 ? <p className="govuk-body">No client in this caseload has equality monitoring answers recorded.</p> : null}
      {dimensions.map((dimension) => (
        <GroupShares key={dimension} dimension={dimension} groups={equity.byGroup.filter((g) => g.dimension === dimension)} spanText={spanText} />
      ))}
    </>
  );
}

function LorenzChart({ lorenz }: { lorenz: Equity["lorenz"] }) {
  const points = useMemo(() => lorenz.map(([x, y]) => ({ x, y })), [lorenz]);
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: Math.min(360, Math.max(240, width * 0.7)),
      marginLeft: 48,
      marginRight: 24,
      marginBottom: 44,
      x: { domain: [0, 1], tickFormat: (d: number) => formatShare(d), label: "Share of clients, least spend first", ticks: 5, grid: true },
      y: { domain: [0, 1], tickFormat: (d: number) => formatShare(d), label: "Share of spend", ticks: 5, grid: true },
      marks: [
        Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: "x", y: "y", stroke: CHART_COLOURS.text, strokeDasharray: "4 3" }),
        Plot.text([{ x: 0.5, y: 0.5 }], { x: "x", y: "y", text: () => "Equal shares", dy: -10, dx: -8, textAnchor: "end", fill: CHART_COLOURS.text }),
        Plot.areaY(points, { x: "x", y: "y", fill: CHART_COLOURS.brand, fillOpacity: 0.15 }),
        Plot.line(points, { x: "x", y: "y", stroke: CHART_COLOURS.brand, strokeWidth: 3 }),
      ],
    }),
    [points],
  );
  return <PlotChart label="Chart: the Lorenz curve of spend per client against the line of equal shares. The table below gives the figures." options={options} testId="lorenz-chart" />;
}

function GroupShares({ dimension, groups, spanText }: { dimension: EqualityDimension; groups: GroupShare[]; spanText: string }) {
  const title = EQUALITY_DIMENSIONS[dimension].label;
  const rows = useMemo(
    () =>
      groups.flatMap((g) => [
        { label: g.label, measure: "Share of the caseload", share: g.caseloadShare },
        { label: g.label, measure: "Share of the spend", share: g.spendShare },
      ]),
    [groups],
  );
  const labels = useMemo(() => groups.map((g) => g.label), [groups]);
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: 70 + 36 * labels.length,
      marginLeft: labelMargin(labels, width),
      marginRight: 24,
      x: { domain: [0, 1], tickFormat: (d: number) => formatShare(d), label: null, grid: true, ticks: width < 500 ? 4 : 10 },
      y: { label: null, domain: labels },
      color: { domain: ["Share of the caseload", "Share of the spend"], range: [CHART_COLOURS.second, CHART_COLOURS.brand], legend: true },
      marks: [
        Plot.ruleY(groups, { y: "label", x1: "caseloadShare", x2: "spendShare", stroke: "#b1b4b6", strokeWidth: 2 }),
        Plot.dot(rows, { y: "label", x: "share", fill: "measure", symbol: "measure", r: 5 }),
      ],
    }),
    [rows, labels, groups],
  );
  return (
    <section aria-label={title}>
      <h3 className="govuk-heading-s">{title}</h3>
      <PlotChart label={`Chart: for each ${title.toLowerCase()} group, its share of the spend beside its share of the caseload. The table below gives the figures.`} options={options} testId={`group-chart-${dimension}`} />
      <ScrollTable
        caption={`${title}: share of spend beside share of the caseload, ${spanText}`}
        testId={`group-table-${dimension}`}
        columns={["Group", { header: "Clients", numeric: true }, { header: "Share of the caseload", numeric: true }, { header: "Share of the spend", numeric: true }]}
      >
        {groups.map((g) => (
          <tr className="govuk-table__row" key={g.group}>
            <th scope="row" className="govuk-table__header">
              {g.label}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{g.clients.toLocaleString("en-GB")}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{g.caseloadShare === null ? "–" : formatShare(g.caseloadShare)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{g.spendShare === null ? "–" : formatShare(g.spendShare)}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}
