import { useState } from "react";
import { Link, useLocation, useParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner } from "../../components/success-banner.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import type { SummaryRow } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { EXPORT_FILES, downloadExport } from "./exports.ts";
import type { ExportFile } from "./exports.ts";
import { PeriodStatusTag } from "./period-status-tag.tsx";
import { usePeriod } from "./periods-api.ts";
import type { PeriodDetail } from "@greentape/contract/periods";
import { countOf, formatPeriod, formatTimestamp } from "../../lib/format.ts";

export interface PeriodPageState {
  /** Set by the close page after it closed this period. */
  justClosed?: boolean;
}

/** One period: its figures, its downloads, and the way to close it. */
export function PeriodPage() {
  const { period = "" } = useParams();
  const location = useLocation();
  const justClosed = (location.state as PeriodPageState | null)?.justClosed === true;
  const name = formatPeriod(period);
  usePageTitle(name);
  const { state, reload } = usePeriod(period);

  return (
    <>
      <Link className="govuk-back-link" to="/periods">
        All periods
      </Link>
      {justClosed && state.status === "loaded" && state.data.status === "closed" ? (
        <SuccessBanner heading={`${name} is closed`}>Its exports will be the same, byte for byte, every time.</SuccessBanner>
      ) : null}
      <span className="govuk-caption-l">Period {period}</span>
      <h1 className="govuk-heading-l">{name}</h1>
      {state.status === "loading" ? <Loading label={`Loading ${name}`} /> : null}
      {state.status === "failed" ? <LoadFailed what={name} error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <PeriodDetails period={state.data} /> : null}
    </>
  );
}

function PeriodDetails({ period }: { period: PeriodDetail }) {
  const name = formatPeriod(period.period);
  const unjustified = period.unjustifiedCount;
  const closer = period.closedByName;
  const rows: SummaryRow[] = [
    { key: "Status", value: <PeriodStatusTag status={period.status} /> },
    { key: "Spends", value: <span data-testid="period-count">{period.count.toLocaleString("en-GB")}</span> },
    { key: "Total", value: <span data-testid="period-total">{formatMoney(period.total)}</span> },
  ];
  if (period.status === "open") rows.push({ key: "Not yet justified (live)", value: <span data-testid="unjustified-live">{countOf(unjustified, "spend")}</span> });
  if (period.status === "closed") {
    rows.push(
      { key: "Not yet justified at close", value: <span data-testid="unjustified-at-close">{countOf(unjustified, "spend")}</span> },
      {
        key: "Not yet justified now (live)",
        value: <span data-testid="unjustified-live">{countOf(period.liveUnjustifiedCount, "spend")}</span>,
      },
    );
    if (period.closedAt) rows.push({ key: "Closed", value: `${formatTimestamp(period.closedAt)}${closer ? ` by ${closer}` : ""}` });
    rows.push({
      key: "Export SHA-256",
      value: period.exportSha256 ? (
        <>
          <p className="govuk-body gt-code govuk-!-margin-bottom-1" data-testid="export-sha256">
            {period.exportSha256}
          </p>
          <p className="govuk-hint govuk-!-margin-bottom-0">
            The fingerprint of the CSV export, recorded when the month was closed. The export gives the same one every time,
            so anyone can check a copy.
          </p>
        </>
      ) : (
        "Not recorded"
      ),
    });
    if (period.logCheckpoint) {
      rows.push({
        key: "Event log checkpoint",
        value: (
          <>
            <pre className="govuk-body gt-code gt-pre govuk-!-margin-bottom-1" data-testid="log-checkpoint">
              {period.logCheckpoint}
            </pre>
            <p className="govuk-hint govuk-!-margin-bottom-0">
              The event log as it stood at close, signed. Every later file of the month carries it; anyone holding it can
              check that the log has not been rewritten since.
            </p>
          </>
        ),
      });
    }
  }

  return (
    <>
      <SummaryList rows={rows} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/periods/${encodeURIComponent(period.period)}/breakdown`}>
          {name} by team, category, scheme and payment method
        </Link>
      </p>

      <h2 className="govuk-heading-m">Downloads</h2>
      {period.status === "open" ? (
        <p className="govuk-body">
          {name} is still open, so these files can change as spends are logged or voided. Once it is closed they never
          change.
        </p>
      ) : null}
      <Downloads period={period.period} />

      {period.status === "open" ? (
        <>
          <h2 className="govuk-heading-m">Close {name}</h2>
          <p className="govuk-body">
            Close the month once its spending is complete. A closed month is never reopened: its figures and exports stay
            exactly as they are.
          </p>
          <Link className="govuk-button govuk-button--secondary" to={`/periods/${period.period}/close`}>
            Close {name}
          </Link>
        </>
      ) : null}
    </>
  );
}

type DownloadStatus = { file: ExportFile; state: "working" | "done" | "failed"; message: string } | null;

function Downloads({ period }: { period: string }) {
  const [status, setStatus] = useState<DownloadStatus>(null);
  const [bom, setBom] = useState(false);
  const busy = status?.state === "working";

  async function download(file: ExportFile) {
    if (busy) return;
    setStatus({ file, state: "working", message: `Preparing ${file.label}…` });
    try {
      const filename = await downloadExport(file, period, { bom });
      setStatus({ file, state: "done", message: `Downloaded ${filename}` });
    } catch (error) {
      setStatus({ file, state: "failed", message: `${file.label} could not be downloaded. ${describeApiError(error)}` });
    }
  }

  return (
    <>
      <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input className="govuk-checkboxes__input" id="download-bom" type="checkbox" checked={bom} onChange={(event) => setBom(event.target.checked)} aria-describedby="download-bom-hint" />
          <label className="govuk-label govuk-checkboxes__label" htmlFor="download-bom">
            CSV files for Excel on Windows
          </label>
          <div className="govuk-hint govuk-checkboxes__hint" id="download-bom-hint">
            Starts each CSV with a byte order mark, so Excel shows £ signs and accents correctly. The SHA-256 is of the file without it.
          </div>
        </div>
      </div>
      <ul className="gt-downloads">
        {EXPORT_FILES.map((file) => (
          <li className="gt-downloads__item" key={file.id}>
            <div className="gt-downloads__text">
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
                {file.label}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-0" id={`download-${file.id}-hint`}>
                {file.description}
              </p>
            </div>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              aria-describedby={`download-${file.id}-hint`}
              aria-disabled={busy || undefined}
              onClick={() => void download(file)}
            >
              {status?.file.id === file.id && busy ? "Downloading…" : "Download"}
              <span className="govuk-visually-hidden"> {file.label}</span>
            </button>
          </li>
        ))}
      </ul>
      <div aria-live="polite" data-testid="download-status">
        {status ? (
          <p className={status.state === "failed" ? "govuk-error-message" : "govuk-body"}>{status.message}</p>
        ) : null}
      </div>
    </>
  );
}
