import { Link } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useAuditQueue, useSamples } from "./audit-api.ts";
import { methodName } from "./labels.ts";
import { countOf, formatPeriod, formatTimestamp } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./audit.scss";

/** The auditor's start: what is waiting for them, the samples drawn so far, and drawing a new one. */
export function AuditHomePage() {
  usePageTitle("Audit");
  const samples = useSamples();
  const queue = useAuditQueue();

  return (
    <>
      <h1 className="govuk-heading-l">Audit</h1>
      <p className="govuk-body">
        Draw a fair sample of a month's spends, look at each case as a whole and record what you find. Anyone can redraw a
        sample from its seed to check it was not picked by hand.
      </p>
      <Link to="/audit/samples/new" className="govuk-button">
        Draw a sample
      </Link>

      <h2 className="govuk-heading-m">Waiting for you</h2>
      {queue.state.status === "loading" ? <Loading label="Loading your queue" /> : null}
      {queue.state.status === "failed" ? <LoadFailed what="your queue" error={queue.state.error} onRetry={queue.reload} /> : null}
      {queue.state.status === "loaded" ? (
        <p className="govuk-body" data-testid="queue-summary">
          {countOf(queue.state.data.concerns.length, "concern")} raised by supervisors without a finding, and{" "}
          {countOf(queue.state.data.openItems.length, "sampled spend")} waiting for your finding.{" "}
          <Link className="govuk-link" to="/audit/queue">
            Open your queue
          </Link>
        </p>
      ) : null}

      <h2 className="govuk-heading-m">Samples</h2>
      {samples.state.status === "loading" ? <Loading label="Loading the samples" /> : null}
      {samples.state.status === "failed" ? <LoadFailed what="the samples" error={samples.state.error} onRetry={samples.reload} /> : null}
      {samples.state.status === "loaded" && samples.state.data.items.length === 0 ? (
        <p className="govuk-body">No samples have been drawn yet.</p>
      ) : null}
      {samples.state.status === "loaded" && samples.state.data.items.length > 0 ? (
        <ul className="govuk-list gt-sample-list">
          {samples.state.data.items.map((sample) => (
            <li key={sample.id} className="gt-sample-list__item">
              <h3 className="govuk-heading-s gt-sample-list__title">
                <Link className="govuk-link" to={`/audit/samples/${sample.id}`}>
                  {formatPeriod(sample.period)}
                  <span className="govuk-visually-hidden">, drawn {formatTimestamp(sample.createdAt)}</span>
                </Link>
              </h3>
              <p className="govuk-body-s gt-sample-list__meta">
                Drawn {formatTimestamp(sample.createdAt)}. {methodName(sample.method)}.
              </p>
              <p className="govuk-body-s gt-sample-list__meta">
                {countOf(sample.itemCount, "spend")} in the sample; findings recorded for {sample.findingCount}.{" "}
                {sample.findingCount === sample.itemCount ? (
                  <strong className="govuk-tag govuk-tag--green">Complete</strong>
                ) : (
                  <strong className="govuk-tag govuk-tag--blue">In progress</strong>
                )}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
