import { useCallback, useMemo } from "react";
import * as Plot from "@observablehq/plot";
import { formatMoney } from "@greentape/domain/money";
import { TOO_FEW_TO_TELL_BELOW } from "@greentape/domain/rates";
import type { Summary } from "@greentape/contract/insights";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { countOf, formatShare } from "../../lib/format.ts";
import { CHART_COLOURS, labelMargin } from "../../lib/chart-style.ts";
import { describeHelpedRate } from "./figures.ts";
import { describeSpan, InsightsFrame, SpanForm, useSpan } from "./insights-frame.tsx";
import { useSummary } from "./insights-api.ts";
import { loopSpreads } from "./loop.ts";
import { PlotChart } from "../../components/plot-chart.tsx";

/** Value beside misuse for a span: what was spent and who it helped, next to what audit found; then the speed of the loop. */
export function ValuePage() {
  const span = useSpan();
  const { state, reload } = useSummary(span);
  return (
    <InsightsFrame title="Value and speed">
      <p className="govuk-body">What the money did, beside what audit found wrong with it, and how quickly each spend was logged, explained, reviewed and followed up.</p>
      <SpanForm span={span} />
      {state.status === "loading" ? <Loading label="Loading the summary" /> : null}
      {state.status === "failed" ? <LoadFailed what="the summary" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <ValueFigures summary={state.data} spanText={describeSpan(span)} /> : null}
    </InsightsFrame>
  );
}

function ValueFigures({ summary, spanText }: { summary: Summary; spanText: string }) {
  const { audit } = summary;
  return (
    <>
      <h2 className="govuk-heading-m">Value beside misuse</h2>
      <ul className="gt-figures" data-testid="value-figures">
        <li className="gt-figures__item">
          <span className="gt-figures__value">{formatMoney(summary.amount)}</span> spent in {countOf(summary.spends, "spend")}
        </li>
        <li className="gt-figures__item">
          <span className="gt-figures__value">{summary.helped.toLocaleString("en-GB")}</span> of {countOf(summary.reached, "client")} reached said it helped:{" "}
          {describeHelpedRate({ ...summary, tooFewToTell: summary.reached < TOO_FEW_TO_TELL_BELOW })}
        </li>
        <li className="gt-figures__item">
          <span className="gt-figures__value">{formatMoney(audit.misuseAmount)}</span> in major or misuse audit findings, from {countOf(audit.sampled, "spend")} sampled (
          {countOf(audit.withFinding, "finding")})
        </li>
        <li className="gt-figures__item">
          <span className="gt-figures__value">{audit.deviationUpper === null ? "Not sampled" : `At most ${formatShare(audit.deviationUpper)}`}</span>
          of spends deviate, at 95% confidence, on what audit sampled
        </li>
      </ul>
      <MoneyChart summary={summary} />
      <ScrollTable caption={`Money spent beside money found misused, ${spanText}`} testId="value-table" columns={["", { header: "Amount", numeric: true }, { header: "Spends", numeric: true }]}>
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            Spent
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatMoney(summary.amount)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{summary.spends.toLocaleString("en-GB")}</td>
        </tr>
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            In major or misuse findings
          </th>
          <td className="govuk-table__cell govuk-table__cell--numeric">{formatMoney(audit.misuseAmount)}</td>
          <td className="govuk-table__cell govuk-table__cell--numeric">{audit.withFinding.toLocaleString("en-GB")}</td>
        </tr>
      </ScrollTable>

      <h2 className="govuk-heading-m">Speed of the loop</h2>
      <p className="govuk-body">
        The days each step took, {spanText}. Half the spends took longer than the median, half less; the middle half took between the lower and upper quartiles.
      </p>
      <LoopChart summary={summary} />
      <ScrollTable
        caption={`Days each step of the loop took, ${spanText}`}
        testId="loop-table"
        columns={[
          "Step",
          { header: "Spends", numeric: true },
          { header: "Lower quartile", numeric: true },
          { header: "Median days", numeric: true },
          { header: "Upper quartile", numeric: true },
        ]}
      >
        {loopSpreads(summary.loop.stages).map((step) => (
          <tr className="govuk-table__row" key={step.step}>
            <th scope="row" className="govuk-table__header">
              {step.step}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{step.count.toLocaleString("en-GB")}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{days(step.lowerQuartile)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{days(step.median)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{days(step.upperQuartile)}</td>
          </tr>
        ))}
      </ScrollTable>
    </>
  );
}

function MoneyChart({ summary }: { summary: Summary }) {
  const rows = useMemo(
    () => [
      { what: "Spent", amount: summary.amount / 100 },
      { what: "Found misused", amount: summary.audit.misuseAmount / 100 },
    ],
    [summary],
  );
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: 110,
      marginLeft: labelMargin(rows.map((r) => r.what), width),
      marginRight: 24,
      x: { label: "Pounds", grid: true, ticks: width < 500 ? 3 : 8, tickFormat: (d: number) => `£${d.toLocaleString("en-GB")}` },
      y: { label: null, domain: rows.map((r) => r.what) },
      marks: [Plot.barX(rows, { y: "what", x: "amount", fill: (r: { what: string }) => (r.what === "Spent" ? CHART_COLOURS.brand : CHART_COLOURS.outcomes[3]) }), Plot.ruleX([0])],
    }),
    [rows],
  );
  return <PlotChart label="Chart: money spent beside money found in major or misuse audit findings, on one scale. The table below gives the figures." options={options} testId="value-chart" />;
}

function LoopChart({ summary }: { summary: Summary }) {
  const steps = useMemo(() => loopSpreads(summary.loop.stages).filter((s) => s.median !== null), [summary]);
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: 40 + 40 * Math.max(steps.length, 1),
      marginLeft: labelMargin(steps.map((s) => s.step), width),
      marginRight: 24,
      // At least a day wide, so a loop that ran within the day still has a scale to read.
      x: { label: "Days", grid: true, ticks: width < 500 ? 4 : 10, domain: [0, Math.max(1, ...steps.map((s) => s.upperQuartile ?? 0))], tickFormat: (d: number) => d.toLocaleString("en-GB") },
      y: { label: null, domain: steps.map((s) => s.step) },
      marks: [
        // The middle half of the spends as a bar, the median as a mark across it.
        Plot.barX(steps, { y: "step", x1: "lowerQuartile", x2: "upperQuartile", fill: CHART_COLOURS.brand, fillOpacity: 0.35, insetTop: 8, insetBottom: 8 }),
        Plot.tickX(steps, { y: "step", x: "median", stroke: CHART_COLOURS.brand, strokeWidth: 3 }),
        Plot.ruleX([0]),
      ],
    }),
    [steps],
  );
  if (steps.length === 0) return <p className="govuk-body">No spend has been through the loop in this span yet.</p>;
  return <PlotChart label="Chart: for each step of the loop, the middle half of the spends' days as a bar and the median as a mark. The table below gives the figures." options={options} testId="loop-chart" />;
}

/** Days as the table shows them: a quartile may fall between two whole days. */
function days(value: number | null): string {
  return value === null ? "None yet" : value.toLocaleString("en-GB", { maximumFractionDigits: 1 });
}
