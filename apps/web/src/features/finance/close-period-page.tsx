import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { WarningText } from "../../components/warning-text.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import type { PeriodPageState } from "./period-page.tsx";
import { closePeriod, usePeriod } from "./periods-api.ts";
import type { PeriodDetail } from "@greentape/contract/periods";
import { countOf, formatPeriod } from "../../lib/format.ts";

/** The confirmation before a month is closed for good. */
export function ClosePeriodPage() {
  const { period = "" } = useParams();
  const name = formatPeriod(period);
  const { state, reload, refreshing } = usePeriod(period);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  usePageTitle(`Close ${name}`, errors.length > 0);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={`/periods/${period}`}>
          Back to {name}
        </Link>
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">Period {period}</span>
        <h1 className="govuk-heading-l">Close {name}</h1>
        {state.status === "loading" ? <Loading label={`Loading ${name}`} /> : null}
        {state.status === "failed" ? <LoadFailed what={name} error={state.error} onRetry={reload} /> : null}
        {state.status === "loaded" ? (
          <CloseForm period={state.data} busy={refreshing} onProblem={setErrors} reload={reload} />
        ) : null}
      </div>
    </div>
  );
}

interface CloseFormProps {
  period: PeriodDetail;
  busy: boolean;
  onProblem(errors: SummaryError[]): void;
  reload(): void;
}

function CloseForm({ period, busy, onProblem, reload }: CloseFormProps) {
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const name = formatPeriod(period.period);
  const unjustified = period.unjustifiedCount;
  const unmapped = period.unmappedCategories;

  if (period.status === "closed") {
    return (
      <>
        <p className="govuk-body">{name} is already closed. A closed month is never reopened.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/periods/${period.period}`}>
            See {name} and its downloads
          </Link>
        </p>
      </>
    );
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting || busy) return;
    setSubmitting(true);
    try {
      await closePeriod(period.period, period.unjustifiedCount);
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.status === 409) {
        // Already closed, or the figures changed since this page was loaded: show them as they are now.
        reload();
        onProblem([{ message: error.detail ?? `${name} changed while you were looking at it. Check the figures again.` }]);
        return;
      }
      onProblem([{ message: describeApiError(error) }]);
      return;
    }
    onProblem([]);
    void navigate(`/periods/${period.period}`, { state: { justClosed: true } satisfies PeriodPageState });
  }

  return (
    <>
      <SummaryList
        rows={[
          { key: "Spends", value: period.count.toLocaleString("en-GB") },
          { key: "Total", value: formatMoney(period.total) },
          { key: "Not yet justified", value: <span data-testid="unjustified-count">{countOf(unjustified, "spend")}</span> },
        ]}
      />
      {unmapped.length > 0 ? (
        <div className="govuk-inset-text" data-testid="unmapped-categories">
          <p className="govuk-body">
            {name} cannot be closed yet: {unmapped.length === 1 ? "this category has" : "these categories have"} no ledger
            code, so {unmapped.length === 1 ? "its" : "their"} spends could not go into the ledger.
          </p>
          <ul className="govuk-list govuk-list--bullet">
            {unmapped.map((category) => (
              <li key={category}>{category}</li>
            ))}
          </ul>
          <p className="govuk-body">An administrator gives categories their codes under Ledger codes. Then come back to close {name}.</p>
        </div>
      ) : null}
      {unjustified > 0 ? (
        <div className="govuk-inset-text">
          {countOf(unjustified, "spend")} in {name} {unjustified === 1 ? "is" : "are"} still not justified. Workers can
          still write their justifications after you close the month, but the exports keep the status each spend had at
          the close.
        </div>
      ) : null}
      <p className="govuk-body">
        Nothing dated in {name} changes after it is closed. A spend logged late for {name} goes into the next open month,
        keeping its real date, and a void becomes a reversal there. Its downloads keep the team names, cost centres and
        ledger codes as they are at the close.
      </p>
      <WarningText>A closed month is never reopened.</WarningText>
      {unmapped.length === 0 ? (
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button govuk-button--warning" aria-disabled={submitting || busy || undefined}>
              {submitting ? "Closing…" : `Close ${name}`}
            </button>
            <Link className="govuk-link" to={`/periods/${period.period}`}>
              Cancel
            </Link>
          </div>
        </form>
      ) : null}
    </>
  );
}
