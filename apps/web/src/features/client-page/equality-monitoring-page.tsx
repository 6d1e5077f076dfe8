import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { EQUALITY_DIMENSION_KEYS, EQUALITY_DIMENSIONS, type EqualityDimension, type EqualityMonitoring } from "@greentape/domain/equality-monitoring";
import { ErrorSummary } from "../../components/error-summary.tsx";
import { Radios } from "../../components/form-fields.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { saveEqualityMonitoring, useClientHistory, useEqualityMonitoring } from "./client-page-api.ts";

const clientPath = (clientId: string) => `/clients/${encodeURIComponent(clientId)}`;

/**
 * A client's optional equality-monitoring answers, for their team and admins: only ever used in
 * totals, on the Equity page, to see whether the money reaches everyone fairly.
 */
export function EqualityMonitoringPage() {
  const { clientId = "" } = useParams();
  const history = useClientHistory(clientId);
  const answers = useEqualityMonitoring(clientId);
  const reference = history.state.status === "loaded" ? history.state.data.client.reference : null;
  usePageTitle(reference ? `Equality monitoring for ${reference}` : "Equality monitoring");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to={clientPath(clientId)}>
          Back to the client
        </Link>
        <span className="govuk-caption-l">{reference ? `Client ${reference}` : "Client"}</span>
        <h1 className="govuk-heading-l">Equality monitoring</h1>
        <div className="govuk-inset-text">
          Optional. Ask only if the client is happy to answer, and record &ldquo;Prefer not to say&rdquo; otherwise. The answers are only ever counted in totals, to
          check the money reaches everyone fairly. They never appear in an export, a notification or the event log.
        </div>
        {answers.state.status === "loading" ? <Loading label="Loading the answers" /> : null}
        {answers.state.status === "failed" ? <LoadFailed what="the answers" error={answers.state.error} onRetry={answers.reload} /> : null}
        {answers.state.status === "loaded" ? <AnswersForm clientId={clientId} recorded={answers.state.data} /> : null}
      </div>
    </div>
  );
}

function AnswersForm({ clientId, recorded }: { clientId: string; recorded: EqualityMonitoring }) {
  const navigate = useNavigate();
  const [answers, setAnswers] = useState<EqualityMonitoring>(recorded);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(null);
    try {
      await saveEqualityMonitoring(clientId, answers);
    } catch (error) {
      setSaving(false);
      setProblem(describeApiError(error));
      return;
    }
    void navigate(clientPath(clientId), { replace: true, state: { flash: "Equality monitoring saved" } satisfies FlashState });
  }

  const choose = <D extends EqualityDimension>(dimension: D, value: string) => setAnswers({ ...answers, [dimension]: value });
  return (
    <>
      <ErrorSummary errors={problem ? [{ message: problem }] : []} />
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        {EQUALITY_DIMENSION_KEYS.map((dimension) => (
          <Radios
            key={dimension}
            id={dimension}
            name={dimension}
            legend={EQUALITY_DIMENSIONS[dimension].label}
            legendClass="govuk-fieldset__legend--s"
            options={Object.entries(EQUALITY_DIMENSIONS[dimension].options).map(([value, label]) => ({ value, label }))}
            value={answers[dimension]}
            onChange={(value) => choose(dimension, value)}
          />
        ))}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
            {saving ? "Saving…" : "Save answers"}
          </button>
          <Link className="govuk-link" to={clientPath(clientId)}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
