import { useCallback, useId, useMemo } from "react";
import type { FormEvent } from "react";
import { useSearchParams } from "../../lib/router.tsx";
import * as Plot from "@observablehq/plot";
import { formatMoney } from "@greentape/domain/money";
import { OUTCOME_GROUPINGS } from "@greentape/domain/insights-input";
import type { OutcomeGrouping } from "@greentape/domain/insights-input";
import { TOO_FEW_TO_TELL_BELOW } from "@greentape/domain/rates";
import type { OutcomeGroup } from "@greentape/contract/insights";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { WarningText } from "../../components/warning-text.tsx";
import { countOf, formatPeriod, formatShare } from "../../lib/format.ts";
import { compareGroups, describeHelpedRate, formatPoints, formatPointsInterval, OUTCOME_PARTS, outcomeSlices, ratePoints } from "./figures.ts";
import type { Comparison } from "./figures.ts";
import { describeSpan, InsightsFrame, SpanForm, useSpan } from "./insights-frame.tsx";
import { useOutcomes } from "./insights-api.ts";
import { CHART_COLOURS, labelMargin } from "../../lib/chart-style.ts";
import { PlotChart } from "../../components/plot-chart.tsx";

const GROUPING_LABELS: Record<OutcomeGrouping, string> = { category: "Category", scheme: "Scheme", team: "Team", month: "Month" };
const GROUPING_NOUNS: Record<OutcomeGrouping, string> = { category: "category", scheme: "scheme", team: "team", month: "month" };

function readGrouping(params: URLSearchParams): OutcomeGrouping {
  const asked = params.get("groupBy");
  return (OUTCOME_GROUPINGS as readonly string[]).includes(asked ?? "") ? (asked as OutcomeGrouping) : "category";
}

/** What clients said, grouped by category, scheme, team or month over a span, and two groups compared. */
export function OutcomesPage() {
  const span = useSpan();
  const [params] = useSearchParams();
  const groupBy = readGrouping(params);
  const { state, reload } = useOutcomes(span, groupBy);
  const groupId = useId();

  const groupSelect = (
    <div className="govuk-form-group gt-span-form__field">
      <label className="govuk-label govuk-label--s" htmlFor={groupId}>
        Group by
      </label>
      <select className="govuk-select" id={groupId} name="groupBy" defaultValue={groupBy} key={groupBy}>
        {OUTCOME_GROUPINGS.map((g) => (
          <option value={g} key={g}>
            {GROUPING_LABELS[g]}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <InsightsFrame title="Outcomes">
      <p className="govuk-body">
        What clients said when their worker followed up a spend. A spend <em>helped</em> when the client said it helped a lot or a little, out of the clients
        the worker reached. Each rate has a 95% interval: the range the true rate most likely lies in. With fewer than {TOO_FEW_TO_TELL_BELOW} clients
        reached a group is too few to tell.
      </p>
      <SpanForm span={span} extra={groupSelect} extraValues={(form) => ({ groupBy: String(form.get("groupBy")) })} />
      {state.status === "loading" ? <Loading label="Loading the outcomes" /> : null}
      {state.status === "failed" ? <LoadFailed what="the outcomes" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <OutcomeFigures groups={state.data.groups} groupBy={groupBy} spanText={describeSpan(span)} /> : null}
    </InsightsFrame>
  );
}

function OutcomeFigures({ groups: answered, groupBy, spanText }: { groups: OutcomeGroup[]; groupBy: OutcomeGrouping; spanText: string }) {
  // Months come labelled 2026-03; people read "March 2026".
  const groups = useMemo(() => (groupBy === "month" ? answered.map((g) => ({ ...g, label: formatPeriod(g.key) })) : answered), [answered, groupBy]);
  const noun = GROUPING_NOUNS[groupBy];
  if (groups.length === 0) return <p className="govuk-body">No spends were logged in {spanText}.</p>;
  const small = groups.filter((g) => g.tooFewToTell);
  return (
    <>
      <h2 className="govuk-heading-m">Helped rate by {noun}</h2>
      <p className="govuk-body">{spanText}. The dot is the rate; the line is its 95% interval.</p>
      {small.length > 0 ? (
        <WarningText testId="too-few">
          {small.length === groups.length
            ? `Every ${noun} has too few clients reached to tell a rate. The counts are in the table.`
            : `Too few to tell for ${small.map((g) => g.label).join(", ")}: fewer than ${TOO_FEW_TO_TELL_BELOW} clients reached. Their counts are in the table, not the chart.`}
        </WarningText>
      ) : null}
      <RateChart groups={groups} noun={noun} />
      <ScrollTable
        caption={`Outcomes by ${noun}, ${spanText}`}
        testId="outcomes-table"
        columns={[
          GROUPING_LABELS[groupBy],
          { header: "Spends", numeric: true },
          { header: "Spent", numeric: true },
          { header: "Not followed up yet", numeric: true },
          { header: "Could not contact", numeric: true },
          { header: "Clients reached", numeric: true },
          { header: "Helped", numeric: true },
          "Helped rate (95% interval)",
          { header: "Cost per client helped", numeric: true },
        ]}
      >
        {groups.map((g) => (
          <tr className="govuk-table__row" key={g.key}>
            <th scope="row" className="govuk-table__header">
              {g.label}
            </th>
            <Numeric value={g.spends} />
            <td className="govuk-table__cell govuk-table__cell--numeric gt-nowrap">{formatMoney(g.amount)}</td>
            <Numeric value={g.notFollowedUp} />
            <Numeric value={g.outcomes.could_not_contact} />
            <Numeric value={g.reached} />
            <Numeric value={g.helped} />
            <td className="govuk-table__cell">{describeHelpedRate(g)}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric gt-nowrap">{g.costPerClientHelped === null ? "Nobody helped yet" : formatMoney(g.costPerClientHelped)}</td>
          </tr>
        ))}
      </ScrollTable>
      <p className="govuk-body-s">Cost per client helped: all the money spent in the group divided by the clients who said a spend helped them.</p>

      <h2 className="govuk-heading-m">How each {noun}&rsquo;s follow-ups came out</h2>
      <MixChart groups={groups} noun={noun} />
      <ScrollTable
        caption={`Follow-up outcomes by ${noun}, ${spanText}`}
        testId="outcome-mix-table"
        columns={[GROUPING_LABELS[groupBy], ...OUTCOME_PARTS.map(([, name]) => ({ header: name, numeric: true }))]}
      >
        {groups.map((g) => (
          <tr className="govuk-table__row" key={g.key}>
            <th scope="row" className="govuk-table__header">
              {g.label}
            </th>
            {OUTCOME_PARTS.map(([part]) => (
              <Numeric key={part} value={part === "not_yet" ? g.notFollowedUp : g.outcomes[part]} />
            ))}
          </tr>
        ))}
      </ScrollTable>

      <Compare groups={groups} noun={noun} />
    </>
  );
}

function Numeric({ value }: { value: number }) {
  return <td className="govuk-table__cell govuk-table__cell--numeric">{value.toLocaleString("en-GB")}</td>;
}

const percentAxis = { domain: [0, 1], tickFormat: (d: number) => formatShare(d), label: "Helped rate", grid: true } as const;

function RateChart({ groups, noun }: { groups: OutcomeGroup[]; noun: string }) {
  const points = useMemo(() => ratePoints(groups), [groups]);
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: 40 + 36 * Math.max(points.length, 1),
      marginLeft: labelMargin(points.map((p) => p.label), width),
      marginRight: 24,
      x: { ...percentAxis, ticks: width < 500 ? 4 : 10 },
      y: { label: null, domain: points.map((p) => p.label) },
      marks: [
        Plot.ruleY(points, { y: "label", x1: "lower", x2: "upper", stroke: CHART_COLOURS.brand, strokeWidth: 3 }),
        Plot.dot(points, { y: "label", x: "rate", r: 6, fill: CHART_COLOURS.brand, stroke: "white", strokeWidth: 2 }),
      ],
    }),
    [points],
  );
  if (points.length === 0) return null;
  return <PlotChart label={`Chart: helped rate with its 95% interval for each ${noun} with enough clients reached. The table below gives the figures.`} options={options} testId="rate-chart" />;
}

function MixChart({ groups, noun }: { groups: OutcomeGroup[]; noun: string }) {
  const slices = useMemo(() => outcomeSlices(groups), [groups]);
  const labels = useMemo(() => groups.map((g) => g.label), [groups]);
  const options = useCallback(
    (width: number): Plot.PlotOptions => ({
      height: 60 + 36 * labels.length,
      marginLeft: labelMargin(labels, width),
      marginRight: 24,
      x: { label: "Spends", grid: true, ticks: width < 500 ? 4 : 10 },
      y: { label: null, domain: labels },
      color: { domain: OUTCOME_PARTS.map(([, name]) => name), range: CHART_COLOURS.outcomes, legend: true },
      marks: [Plot.barX(slices, { y: "label", x: "count", fill: "part", stroke: "white", order: OUTCOME_PARTS.map(([, name]) => name) }), Plot.ruleX([0])],
    }),
    [slices, labels],
  );
  return <PlotChart label={`Chart: how the spends of each ${noun} came out, from helped a lot to not followed up yet. The table below gives the figures.`} options={options} testId="mix-chart" />;
}

/** Two groups side by side: chosen in a form whose choice goes into the address (?first=&second=). */
function Compare({ groups, noun }: { groups: OutcomeGroup[]; noun: string }) {
  const [params, setParams] = useSearchParams();
  const id = useId();
  if (groups.length < 2) return null;
  const first = groups.find((g) => g.key === params.get("first"));
  const second = groups.find((g) => g.key === params.get("second"));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams(params);
    next.set("first", String(form.get("first")));
    next.set("second", String(form.get("second")));
    setParams(next);
  }

  const select = (name: "first" | "second", label: string, fallback: OutcomeGroup) => (
    <div className="govuk-form-group gt-span-form__field">
      <label className="govuk-label govuk-label--s" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <select className="govuk-select" id={`${id}-${name}`} name={name} defaultValue={(name === "first" ? first : second)?.key ?? fallback.key}>
        {groups.map((g) => (
          <option value={g.key} key={g.key}>
            {g.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="compare">
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        Compare two {noun === "category" ? "categories" : `${noun}s`}
      </h2>
      <form className="gt-span-form" onSubmit={submit} noValidate>
        {select("first", "First", groups[0]!)}
        {select("second", "Second", groups[1]!)}
        <button type="submit" className="govuk-button govuk-button--secondary gt-span-form__button">
          Compare
        </button>
      </form>
      {first && second && first !== second ? <ComparisonResult comparison={compareGroups(first, second)} /> : null}
      {first && second && first === second ? <p className="govuk-body">Choose two different {noun === "category" ? "categories" : `${noun}s`}.</p> : null}
    </section>
  );
}

function ComparisonResult({ comparison }: { comparison: Comparison }) {
  const { first, second, difference, interval } = comparison;
  const shown = difference !== null && interval !== null && !comparison.tooFewToTell;
  const options = useCallback(
    (width: number): Plot.PlotOptions => {
      const row = [{ label: "Difference", difference: difference ?? 0, lower: interval?.lower ?? 0, upper: interval?.upper ?? 0 }];
      const reach = Math.max(0.1, Math.abs(row[0]!.lower), Math.abs(row[0]!.upper));
      return {
        height: 90,
        marginLeft: 16,
        marginRight: 24,
        x: { domain: [-reach, reach], tickFormat: (d: number) => formatPoints(d).replace(" points", "").replace(" point", ""), label: "Difference in percentage points", grid: true, ticks: width < 500 ? 5 : 9 },
        y: { axis: null },
        marks: [
          Plot.ruleX([0], { stroke: CHART_COLOURS.text, strokeDasharray: "4 3" }),
          Plot.ruleY(row, { x1: "lower", x2: "upper", y: () => 0, stroke: CHART_COLOURS.brand, strokeWidth: 3 }),
          Plot.dot(row, { x: "difference", y: () => 0, r: 6, fill: CHART_COLOURS.brand, stroke: "white", strokeWidth: 2 }),
        ],
      };
    },
    [difference, interval],
  );
  return (
    <div data-testid="comparison">
      <p className="govuk-body govuk-!-font-weight-bold" data-testid="comparison-sentence">
        {comparison.sentence}
      </p>
      {shown ? <PlotChart label={`Chart: the difference between ${first.label} and ${second.label} in helped rate, with its 95% interval. The table below gives the figures.`} options={options} testId="comparison-chart" /> : null}
      <ScrollTable
        caption={`${first.label} compared with ${second.label}`}
        testId="comparison-table"
        columns={["Group", { header: "Clients reached", numeric: true }, { header: "Helped", numeric: true }, "Helped rate (95% interval)"]}
      >
        {[first, second].map((g) => (
          <tr className="govuk-table__row" key={g.key}>
            <th scope="row" className="govuk-table__header">
              {g.label}
            </th>
            <Numeric value={g.reached} />
            <Numeric value={g.helped} />
            <td className="govuk-table__cell">{describeHelpedRate(g)}</td>
          </tr>
        ))}
        <tr className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            Difference
          </th>
          <td className="govuk-table__cell" colSpan={3} data-testid="comparison-difference">
            {shown ? `${formatPoints(difference)} (95% interval ${formatPointsInterval(interval)}, Newcombe)` : "Too few to tell"}
          </td>
        </tr>
      </ScrollTable>
      <p className="govuk-body-s">{countOf(first.reached + second.reached, "client")} reached across the two.</p>
    </div>
  );
}
