import { useState } from "react";
import { Link, useParams } from "../../lib/router.tsx";
import { FINDING_RESULTS } from "@greentape/domain/audit-report";
import { formatMoney } from "@greentape/domain/money";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { WarningText } from "../../components/warning-text.tsx";
import { describeApiError } from "../../lib/use-api-data.ts";
import { saveBlob } from "../../lib/save-file.ts";
import { downloadReport, useReport } from "./audit-api.ts";
import type { ReportView, Tally } from "@greentape/contract/audit";
import { findingLabel, formatPercent } from "./labels.ts";
import { countOf, formatPeriod } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./audit.scss";

/** The sample's findings in numbers, and what they let the auditor say about the whole month. */
export function ReportPage() {
  const { sampleId = "" } = useParams();
  const { state, reload } = useReport(sampleId);
  const report = state.status === "loaded" ? state.data : null;
  const title = report ? `Report on the sample for ${formatPeriod(report.sample.period)}` : "Sample report";
  usePageTitle(title);

  return (
    <>
      <Link to={`/audit/samples/${sampleId}`} className="govuk-back-link">
        Back to the sample
      </Link>
      <span className="govuk-caption-l">Audit</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {state.status === "loading" ? <Loading label="Loading the report" /> : null}
      {state.status === "failed" ? <LoadFailed what="the report" error={state.error} onRetry={reload} /> : null}
      {report ? <Report report={report} /> : null}
    </>
  );
}

/** The conclusion in plain English, from the random part only (the part drawn fairly). */
function conclusion(report: ReportView): string {
  const random = report.byStratum.random;
  const month = formatPeriod(report.sample.period);
  if (random.itemsReviewed === 0) return "No spend drawn at random has a finding yet, so nothing can be said about the month as a whole.";
  const money = report.monetaryUnit;
  if (money) {
    // Drawn by value, so the conclusion is in pounds, not a share of spends.
    const tolerable = money.tolerableMisstatement === null ? "" : ` That is ${money.withinTolerable ? "within" : "more than"} the ${formatMoney(money.tolerableMisstatement)} we could tolerate.`;
    return `We checked ${countOf(random.itemsReviewed, "spend")} drawn by value. So we can be ${formatPercent(money.confidence)} confident that the ${formatMoney(money.bookValue)} booked in ${month} is overstated by no more than ${formatMoney(money.upperMisstatementLimit)} (our best estimate is ${formatMoney(money.projectedMisstatement)}).${tolerable}`;
  }
  const found =
    random.deviations === 0
      ? `We found no problems in the ${countOf(random.itemsReviewed, "spend")} drawn at random and checked`
      : `We found ${countOf(random.deviations, "problem")} in the ${countOf(random.itemsReviewed, "spend")} drawn at random and checked`;
  return `${found}. So we can be ${formatPercent(report.confidence)} confident that no more than ${formatPercent(report.upperDeviationLimit)} of the ${countOf(report.sample.populationSize, "spend")} in ${month} had a problem.`;
}

/** How the upper limit was found, in a line: exact over the known month, or binomial where its size is not known. */
function upperLimitHint(report: ReportView): string {
  if (report.upperLimitMethod === "binomial") return "From the spends drawn at random only (exact binomial, Clopper–Pearson).";
  const random = report.byStratum.random;
  if (random.itemsReviewed === report.sample.populationSize) return "Every spend of the month was checked, so this is the rate itself.";
  return `From the spends drawn at random only, exact for a month of ${countOf(report.sample.populationSize, "spend")} (hypergeometric).`;
}

function rate(t: Tally): string {
  return t.deviationRate === null ? "Nothing checked yet" : formatPercent(t.deviationRate);
}

function Report({ report }: { report: ReportView }) {
  const random = report.byStratum.random;
  const risk = report.byStratum.risk;
  const missing = report.items - report.itemsReviewed;

  return (
    <>
      <div className="gt-conclusion" data-testid="conclusion">
        <p className="govuk-body-l">{conclusion(report)}</p>
      </div>
      {missing > 0 ? (
        <WarningText>
          {countOf(missing, "spend")} in the sample {missing === 1 ? "has" : "have"} no finding yet. These figures cover only the
          spends with findings.
        </WarningText>
      ) : null}

      <h2 className="govuk-heading-m">In numbers</h2>
      <SummaryList
        rows={[
          { key: "Spends checked", value: <span data-testid="items-reviewed">{`${report.itemsReviewed} of ${report.items}`}</span> },
          { key: "Problems found (deviations)", value: <span data-testid="deviations">{report.deviations}</span> },
          { key: "Deviation rate", value: rate(report) },
          ...(report.monetaryUnit
            ? [
                {
                  key: `Upper misstatement limit at ${formatPercent(report.monetaryUnit.confidence)} confidence`,
                  value: (
                    <>
                      <span data-testid="upper-misstatement">{formatMoney(report.monetaryUnit.upperMisstatementLimit)}</span>
                      <span className="govuk-hint gt-digest-hint">
                        Stringer bound over {countOf(report.monetaryUnit.sampleSize, "hit")}, one every {formatMoney(Math.ceil(report.monetaryUnit.samplingInterval))}; projected misstatement{" "}
                        {formatMoney(report.monetaryUnit.projectedMisstatement)}.
                      </span>
                    </>
                  ),
                },
              ]
            : // A share of spends bounds an attribute sample; one drawn by value is bounded in pounds above.
              [
                {
                  key: `Upper deviation limit at ${formatPercent(report.confidence)} confidence`,
                  value: (
                    <>
                      <span data-testid="upper-limit">{random.itemsReviewed === 0 ? "Not known yet" : formatPercent(report.upperDeviationLimit)}</span>
                      <span className="govuk-hint gt-digest-hint">{upperLimitHint(report)}</span>
                    </>
                  ),
                },
              ]),
        ]}
      />
      <p className="govuk-body-s">A problem (a deviation) is a finding of minor, major or misuse suspected. No issue is not a deviation.</p>

      <h2 className="govuk-heading-m">By part of the sample</h2>
      <ScrollTable caption="Findings by part of the sample" columns={["Part", { header: "In sample", numeric: true }, { header: "Checked", numeric: true }, { header: "Problems", numeric: true }, { header: "Rate", numeric: true }]}>
        {[
          { name: "At random", tally: random },
          { name: "Risk rules", tally: risk },
        ].map(({ name, tally }) => (
          <tr className="govuk-table__row" key={name}>
            <th scope="row" className="govuk-table__header">
              {name}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{tally.items}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{tally.itemsReviewed}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{tally.deviations}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{tally.deviationRate === null ? "–" : formatPercent(tally.deviationRate)}</td>
          </tr>
        ))}
      </ScrollTable>

      <h2 className="govuk-heading-m">By finding</h2>
      <ScrollTable caption="Findings by result" columns={["Finding", { header: "At random", numeric: true }, { header: "Risk rules", numeric: true }, { header: "All", numeric: true }]}>
        {FINDING_RESULTS.map((result) => (
          <tr className="govuk-table__row" key={result}>
            <th scope="row" className="govuk-table__header">
              {findingLabel(result).label}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">{random.byResult[result] ?? 0}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{risk.byResult[result] ?? 0}</td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{report.byResult[result] ?? 0}</td>
          </tr>
        ))}
      </ScrollTable>

      <Downloads sampleId={report.sample.id} />
    </>
  );
}

/** The working paper (CSV) and the printable page (HTML), fetched with the access token. */
function Downloads({ sampleId }: { sampleId: string }) {
  const [busy, setBusy] = useState<"csv" | "html" | null>(null);
  const [status, setStatus] = useState("");
  const [printable, setPrintable] = useState<string | null>(null);

  async function download(format: "csv" | "html") {
    if (busy) return;
    setBusy(format);
    setStatus(format === "csv" ? "Preparing the CSV…" : "Preparing the printable report…");
    try {
      const file = await downloadReport(sampleId, format);
      if (format === "csv") {
        const name = file.filename ?? `audit-sample-${sampleId}.csv`;
        saveBlob(file.blob, name);
        setStatus(`Downloaded ${name}.`);
      } else {
        const url = URL.createObjectURL(new Blob([file.blob], { type: "text/html" }));
        setPrintable((old) => {
          if (old) URL.revokeObjectURL(old);
          return url;
        });
        const opened = window.open(url, "_blank");
        if (opened) opened.opener = null;
        setStatus(opened === null ? "The printable report is ready. Open it with the link below." : "The printable report opened in a new tab.");
      }
    } catch (error) {
      setStatus(`The file could not be downloaded. ${describeApiError(error)}`);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="downloads-heading">
      <h2 className="govuk-heading-m" id="downloads-heading">
        Download
      </h2>
      <ul className="gt-downloads">
        <li className="gt-downloads__item">
          <span className="gt-downloads__text">
            <strong className="govuk-body govuk-!-font-weight-bold">Working paper (CSV)</strong>
            <span className="govuk-body-s gt-block">One row per spend in the sample, with its reasons and finding.</span>
          </span>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void download("csv")} aria-disabled={busy !== null || undefined}>
            Download CSV<span className="govuk-visually-hidden"> working paper</span>
          </button>
        </li>
        <li className="gt-downloads__item">
          <span className="gt-downloads__text">
            <strong className="govuk-body govuk-!-font-weight-bold">Printable report (HTML)</strong>
            <span className="govuk-body-s gt-block">The report to print or save as PDF and sign.</span>
          </span>
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void download("html")} aria-disabled={busy !== null || undefined}>
            Open printable report
          </button>
        </li>
      </ul>
      <p className="govuk-body" role="status" data-testid="download-status">
        {status}
      </p>
      {printable ? (
        <p className="govuk-body">
          <a className="govuk-link" href={printable} target="_blank" rel="noopener noreferrer">
            Open the printable report (opens in a new tab)
          </a>
        </p>
      ) : null}
    </section>
  );
}
