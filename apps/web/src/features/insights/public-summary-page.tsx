import { useId } from "react";
import type { FormEvent } from "react";
import { useSearchParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { publicSummarySchema, type PublicSummary } from "@greentape/domain/public-summary";
import { TOO_FEW_TO_TELL_BELOW } from "@greentape/domain/rates";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { councilName } from "../../lib/council-settings.ts";
import { currentPeriod, formatShare } from "../../lib/format.ts";
import { useApiData } from "../../lib/use-api-data.ts";
import { formatInterval } from "./figures.ts";
import { loopSteps } from "./loop.ts";
import "./insights.scss";

/** The years offered: this one and the four before it. */
const YEARS_OFFERED = 5;
const WITHHELD = "Withheld";

type Figures = PublicSummary["total"];
type Measure = Figures["suppressed"][number];

/** The year the address asks for, or this one when it asks for none or nonsense. */
function yearAsked(params: URLSearchParams, thisYear: number): number {
  const asked = Number(params.get("year"));
  return Number.isInteger(asked) && asked >= 2000 && asked <= thisYear ? asked : thisYear;
}

function count(figures: Figures, measure: Exclude<Measure, "amount" | "helpedRate">): string {
  const value = figures[measure];
  return figures.suppressed.includes(measure) || value === null ? WITHHELD : value.toLocaleString("en-GB");
}

function amount(figures: Figures): string {
  return figures.suppressed.includes("amount") || figures.amount === null ? WITHHELD : formatMoney(figures.amount);
}

function helpedRate(figures: Figures): string {
  if (figures.suppressed.includes("helpedRate")) return WITHHELD;
  if (figures.helpedRate === null || figures.interval === null || figures.reached === null) return "No one reached yet";
  if (figures.reached < TOO_FEW_TO_TELL_BELOW) return `Too few to tell (${figures.helped ?? 0} of ${figures.reached})`;
  return `${formatShare(figures.helpedRate)} (${formatInterval(figures.interval)})`;
}

/**
 * What the freedom to spend achieved in a year, for anyone, with no sign-in: the money, who it
 * reached and whether it helped, what audit found, and how quickly the loop ran. The API has
 * already withheld every small count; this page only says so where it did.
 */
export function PublicSummaryPage() {
  const [params, setParams] = useSearchParams();
  const thisYear = Number(currentPeriod().slice(0, 4));
  const year = yearAsked(params, thisYear);
  const council = councilName() ?? "The council";
  const yearField = useId();
  usePageTitle(`What the freedom to spend achieved in ${year}`);
  const { state, reload } = useApiData(`/api/public/summary?year=${year}`, publicSummarySchema);

  function chooseYear(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams({ year: String(new FormData(event.currentTarget).get("year")) });
  }

  return (
    <>
      <span className="govuk-caption-l">{council}</span>
      <h1 className="govuk-heading-l">What the freedom to spend achieved in {year}</h1>
      <p className="govuk-body">
        {council} trusts its social workers to spend small sums for the people they support without asking first: a bus fare to an appointment, a meal, a school
        uniform. Afterwards each spend is explained, reviewed by a supervisor, followed up with the person it was for, and sampled by the council&apos;s auditors.
      </p>
      <div className="govuk-inset-text">
        Nobody can be identified from these figures. A count under {state.status === "loaded" ? state.data.minimumCount : 5} is withheld, and so is any figure that
        would give it away.
      </div>
      <form className="gt-span-form" onSubmit={chooseYear} noValidate>
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor={yearField}>
            Year
          </label>
          <select className="govuk-select" id={yearField} name="year" defaultValue={String(year)} key={year}>
            {Array.from({ length: YEARS_OFFERED }, (_, i) => thisYear - i).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Show this year
        </button>
      </form>
      {state.status === "loading" ? <Loading label="Loading the year's figures" /> : null}
      {state.status === "failed" ? <LoadFailed what="the year's figures" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <YearFigures summary={state.data} /> : null}
    </>
  );
}

function YearFigures({ summary }: { summary: PublicSummary }) {
  const { total, audit } = summary;
  const auditWithheld = (measure: (typeof audit.suppressed)[number]) => audit.suppressed.includes(measure) || audit[measure] === null;
  if (total.spends === 0) return <p className="govuk-body" data-testid="public-figures">Nothing was spent in {summary.year}.</p>;
  return (
    <>
      <h2 className="govuk-heading-m">The year in figures</h2>
      <ul className="gt-figures" data-testid="public-figures">
        <li className="gt-figures__item">
          <span className="gt-figures__value">{amount(total)}</span> spent in {count(total, "spends")} spends
        </li>
        <li className="gt-figures__item">
          <span className="gt-figures__value">{count(total, "reached")}</span> people reached when followed up; {count(total, "helped")} said it helped
        </li>
        <li className="gt-figures__item">
          <span className="gt-figures__value">{helpedRate(total)}</span> of those reached said it helped (95% interval in brackets)
        </li>
      </ul>

      <OutcomeTable title="By what the money was for" groupHeader="Category" groups={summary.byCategory} year={summary.year} testId="public-by-category" />
      <OutcomeTable title="By team" groupHeader="Team" groups={summary.byTeam} year={summary.year} testId="public-by-team" />

      <h2 className="govuk-heading-m">What audit found</h2>
      <ul className="govuk-list govuk-list--bullet" data-testid="public-audit">
        <li>{auditWithheld("sampled") ? "Spends checked by audit: withheld" : `${(audit.sampled ?? 0).toLocaleString("en-GB")} spends checked by audit`}</li>
        <li>{auditWithheld("withFinding") ? "Spends with a finding: withheld" : `${(audit.withFinding ?? 0).toLocaleString("en-GB")} with a finding of any kind`}</li>
        <li>{auditWithheld("misuseAmount") ? "Money in serious findings: withheld" : `${formatMoney(audit.misuseAmount ?? 0)} in serious findings or suspected misuse`}</li>
        <li>
          {audit.deviationUpper === null
            ? "No randomly chosen spend was found to break the rules."
            : `At most ${formatShare(audit.deviationUpper)} of spends broke the rules, at 95% confidence, judged from the randomly chosen ones.`}
        </li>
      </ul>

      <h2 className="govuk-heading-m">How quickly it happened</h2>
      <ScrollTable caption={`Median days each step took in ${summary.year}`} testId="public-loop" columns={["Step", { header: "Median days", numeric: true }]}>
        {loopSteps(summary.loop).map((step) => {
          const withheld = summary.loop.suppressed.includes(step.key);
          return (
            <tr className="govuk-table__row" key={step.step}>
              <th scope="row" className="govuk-table__header">
                {step.step}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{withheld ? WITHHELD : step.median === null ? "None yet" : step.median.toLocaleString("en-GB")}</td>
            </tr>
          );
        })}
      </ScrollTable>

      <p className="govuk-body">
        <a className="govuk-link" href={`/api/public/summary?year=${summary.year}&format=csv`} download={`green-tape-${summary.year}.csv`}>
          Download these figures as a spreadsheet (CSV)
        </a>
      </p>
    </>
  );
}

interface OutcomeTableProps {
  title: string;
  groupHeader: string;
  groups: PublicSummary["byCategory"];
  year: number;
  testId: string;
}

function OutcomeTable({ title, groupHeader, groups, year, testId }: OutcomeTableProps) {
  return (
    <>
      <h2 className="govuk-heading-m">{title}</h2>
      <ScrollTable
          caption={`${title}, ${year}`}
          testId={testId}
          columns={[
            groupHeader,
            { header: "Spends", numeric: true },
            { header: "Amount", numeric: true },
            { header: "Followed up", numeric: true },
            { header: "Reached", numeric: true },
            { header: "Said it helped", numeric: true },
            "Helped rate (95% interval)",
          ]}
        >
          {groups.map((group) => (
            <tr className="govuk-table__row" key={group.label}>
              <th scope="row" className="govuk-table__header">
                {group.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count(group, "spends")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{amount(group)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count(group, "followUps")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count(group, "reached")}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{count(group, "helped")}</td>
              <td className="govuk-table__cell">{helpedRate(group)}</td>
            </tr>
          ))}
      </ScrollTable>
    </>
  );
}
