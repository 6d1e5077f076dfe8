import { Link } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import type { AuditQueue } from "@greentape/contract/audit";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useAuditQueue } from "./audit-api.ts";
import { reasonName } from "./labels.ts";
import { countOf, formatDay, formatPeriod } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./audit.scss";

/** What is waiting for the auditor: concerns from supervisors, and sampled spends without a finding. */
export function AuditQueuePage() {
  usePageTitle("Your audit queue");
  const { state, reload } = useAuditQueue();
  return (
    <>
      <Link to="/audit" className="govuk-back-link">
        Back to audit
      </Link>
      <span className="govuk-caption-l">Audit</span>
      <h1 className="govuk-heading-l">Your audit queue</h1>
      {state.status === "loading" ? <Loading label="Loading your queue" /> : null}
      {state.status === "failed" ? <LoadFailed what="your queue" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" ? <Queue queue={state.data} /> : null}
    </>
  );
}

function Queue({ queue }: { queue: AuditQueue }) {
  return (
    <>
      <h2 className="govuk-heading-m">Concerns raised by supervisors ({queue.concerns.length})</h2>
      {queue.concerns.length === 0 ? (
        <p className="govuk-body">No concern is waiting for a finding.</p>
      ) : (
        <>
          <p className="govuk-body">Each is always in the next sample drawn for its month.</p>
          <ul className="govuk-list gt-queue-list" data-testid="concerns">
            {queue.concerns.map((spend) => (
              <li key={spend.id} className="gt-queue-list__item">
                <Link className="govuk-link govuk-!-font-weight-bold" to={`/audit/spends/${spend.id}`}>
                  {formatMoney(spend.amount, spend.currency)} on {spend.category}
                </Link>
                <span className="govuk-body-s gt-block">
                  Paid to {spend.payee} on {formatDay(spend.spentOn)}. Month: {formatPeriod(spend.period)}.
                </span>
              </li>
            ))}
          </ul>
          {queue.moreConcerns ? <p className="govuk-body-s">There are more; these are the oldest.</p> : null}
        </>
      )}

      <h2 className="govuk-heading-m">Sampled spends without a finding ({queue.openItems.length})</h2>
      {queue.openItems.length === 0 ? (
        <p className="govuk-body">Every sampled spend has a finding.</p>
      ) : (
        <>
          <ul className="govuk-list gt-queue-list" data-testid="open-items">
            {queue.openItems.map((item) => (
              <li key={`${item.sampleId}:${item.spendId}`} className="gt-queue-list__item">
                <Link className="govuk-link govuk-!-font-weight-bold" to={`/audit/samples/${item.sampleId}/items/${item.spendId}`}>
                  {formatMoney(item.spend.amount, item.spend.currency)} on {item.spend.category}
                </Link>
                <span className="govuk-body-s gt-block" data-testid="open-item-people">
                  {item.worker.name}, {item.team.name}. Client {item.client.reference}.
                </span>
                <span className="govuk-body-s gt-block">
                  Sample for {formatPeriod(item.period)}, number {item.position}. {item.reasons.map(reasonName).join(", ")}.
                </span>
              </li>
            ))}
          </ul>
          {queue.moreOpenItems ? <p className="govuk-body-s">There are more; these are the first {countOf(queue.openItems.length, "spend")}.</p> : null}
        </>
      )}
    </>
  );
}
