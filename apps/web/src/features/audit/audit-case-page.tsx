import { useEffect, useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useParams } from "../../lib/router.tsx";
import { findingInputSchema } from "@greentape/domain/audit-input";
import { FINDING_RESULTS, FINDING_RESULT_LABELS, isDeviation } from "@greentape/domain/audit-report";
import type { FindingResult } from "@greentape/domain/audit-report";
import { formatMoney } from "@greentape/domain/money";
import type { SpendDetail } from "@greentape/contract/spends";
import type { SampleDetail, SampleItemDetail } from "@greentape/contract/audit";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { SuccessBanner } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { recordFinding, useSample, useSpendCase } from "./audit-api.ts";
import { Radios, Textarea } from "../../components/form-fields.tsx";
import { findingLabel, reasonDescription, reasonName } from "./labels.ts";
import { useWideScreen } from "../../lib/use-wide-screen.ts";
import { formatPeriod, formatTimestamp } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import { CommentForm, SpendCase } from "../spend-case/index.ts";
import "./audit.scss";
import type { FieldErrors } from "../../lib/field-errors.ts";

function caseTitle(spend: SpendDetail): string {
  return `${spend.client.reference}: ${formatMoney(spend.amount, spend.currency)} on ${spend.category}`;
}

/** A sampled spend: why it is in the sample, the whole case, and the auditor's finding. */
export function SampleCasePage() {
  const { sampleId = "", spendId = "" } = useParams();
  const sample = useSample(sampleId);
  const spend = useSpendCase(spendId);
  const item = sample.state.status === "loaded" ? sample.state.data.items.find((i) => i.spendId === spendId) : undefined;
  const title = spend.state.status === "loaded" ? caseTitle(spend.state.data) : "Sampled spend";
  const failed = sample.state.status === "failed" ? sample : spend.state.status === "failed" ? spend : null;

  return (
    <>
      <Link to={`/audit/samples/${sampleId}`} className="govuk-back-link">
        Back to the sample
      </Link>
      {sample.state.status === "loaded" && spend.state.status === "loaded" && item ? (
        <SampleCase
          key={spendId}
          sample={sample.state.data}
          item={item}
          spend={spend.state.data}
          onSaved={() => {
            sample.reload();
            spend.reload();
          }}
          onCommented={spend.reload}
        />
      ) : (
        <>
          <PageTitle title={title} />
          <span className="govuk-caption-l">Audit</span>
          <h1 className="govuk-heading-l">{title}</h1>
          {failed && failed.state.status === "failed" ? <LoadFailed what="this case" error={failed.state.error} onRetry={failed.reload} /> : null}
          {!failed && (sample.state.status === "loading" || spend.state.status === "loading") ? <Loading label="Loading the case" /> : null}
          {sample.state.status === "loaded" && spend.state.status === "loaded" && !item ? (
            <p className="govuk-body">This spend is not in this sample.</p>
          ) : null}
        </>
      )}
    </>
  );
}

function PageTitle({ title, hasErrors = false }: { title: string; hasErrors?: boolean }) {
  usePageTitle(title, hasErrors);
  return null;
}

type Field = "result" | "notes";

interface SampleCaseProps {
  sample: SampleDetail;
  item: SampleItemDetail;
  spend: SpendDetail;
  onSaved(): void;
  onCommented(): void;
}

/**
 * The auditor's comment on the case, under its comments: a note for reviewers only, or one the
 * worker reads (and is told of). The confirmation is announced where the form is.
 */
function AuditorComment({ spendId, onCommented }: { spendId: string; onCommented(): void }) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <div role="status" className="gt-comment-done">
        {done ? (
          <p className="govuk-body govuk-!-font-weight-bold" data-testid="comment-done">
            {done}
          </p>
        ) : null}
      </div>
      <CommentForm
        spendId={spendId}
        reviewerNotes
        onDone={(message) => {
          setDone(message);
          onCommented();
        }}
      />
    </>
  );
}

function SampleCase({ sample, item, spend, onSaved, onCommented }: SampleCaseProps) {
  const wide = useWideScreen();
  // The form's state lives here, so it survives the form moving between the side column and the
  // flow of the case when a screen turns.
  const [result, setResult] = useState<FindingResult | "">(item.finding?.result ?? "");
  const [notes, setNotes] = useState(item.finding?.notes ?? "");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<FindingResult | null>(null);
  const banner = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (saved) banner.current?.focus();
  }, [saved]);

  // A new list only when the problems change: the summary takes focus each time it gets one.
  const summary = useMemo<SummaryError[]>(
    () => [
      ...(general ? [{ message: general }] : []),
      ...(["result", "notes"] as const).flatMap((field) => (errors[field] ? [{ fieldId: field, message: errors[field] }] : [])),
    ],
    [general, errors],
  );
  const title = caseTitle(spend);
  const position = sample.items.indexOf(item) + 1;
  const next = sample.items.find((i) => i.finding === null && i.spendId !== item.spendId);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setGeneral(null);
    const fields: FieldErrors<Field> = {};
    if (result === "") fields.result = "Select what you found";
    else if (isDeviation(result) && notes.trim() === "") fields.notes = `Enter what you found: a finding of ${findingLabel(result).label.toLowerCase()} needs notes`;
    else {
      const parsed = findingInputSchema.safeParse({ result, notes });
      if (!parsed.success) for (const issue of parsed.error.issues) if (issue.path[0] === "notes") fields.notes = issue.message;
    }
    if (result === "" || Object.keys(fields).length > 0) {
      setSaved(null);
      setErrors(fields);
      return;
    }
    setSaving(true);
    try {
      await recordFinding(sample.id, item.spendId, { result, notes: notes.trim() });
    } catch (error) {
      setSaving(false);
      setSaved(null);
      const { fields: serverFields, message } = findingProblems(error);
      setErrors(serverFields);
      setGeneral(message);
      return;
    }
    setSaving(false);
    setErrors({});
    setSaved(result);
    onSaved();
  }

  const form = (
    <form noValidate onSubmit={(event) => void handleSubmit(event)} className="gt-finding" aria-labelledby="finding-heading">
      <h2 className="govuk-heading-m" id="finding-heading">
        Your finding
      </h2>
      {item.finding ? (
        <p className="govuk-body-s" data-testid="finding-recorded">
          <strong className={`govuk-tag ${findingLabel(item.finding.result).colour}`}>{findingLabel(item.finding.result).label}</strong> recorded by{" "}
          {item.finding.recordedBy.name}, {formatTimestamp(item.finding.recordedAt)}. You can change it.
        </p>
      ) : null}
      <Radios<FindingResult>
        id="result"
        name="result"
        legend="What did you find?"
        legendClass="govuk-fieldset__legend--s"
        options={FINDING_RESULTS.map((value) => ({ value, ...FINDING_RESULT_LABELS[value] }))}
        value={result}
        onChange={setResult}
        error={errors.result}
      />
      <Textarea
        id="notes"
        name="notes"
        label="Notes"
        hint="Needed for minor, major or misuse suspected. Say what you checked and what you found."
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
        error={errors.notes}
        maxLength={4000}
      />
      <SubmitButton busy={saving} busyLabel="Saving…">
        {item.finding ? "Save the changed finding" : "Save finding"}
      </SubmitButton>
    </form>
  );

  return (
    <>
      <PageTitle title={title} hasErrors={summary.length > 0} />
      <ErrorSummary errors={summary} />
      {saved ? (
        <div ref={banner} tabIndex={-1} className="gt-focus-target">
          <SuccessBanner heading={`Finding saved: ${findingLabel(saved).label}`}>
            {next ? (
              <Link className="govuk-notification-banner__link" to={`/audit/samples/${sample.id}/items/${next.spendId}`}>
                Go to the next spend without a finding (number {next.position})
              </Link>
            ) : (
              <>
                Every spend in this sample has a finding.{" "}
                <Link className="govuk-notification-banner__link" to={`/audit/samples/${sample.id}/report`}>
                  Read the report
                </Link>
              </>
            )}
          </SuccessBanner>
        </div>
      ) : null}
      <span className="govuk-caption-l">
        Sample for {formatPeriod(sample.period)}, spend {position} of {sample.items.length}
      </span>
      <h1 className="govuk-heading-l">{title}</h1>

      <div className="gt-case-layout">
        <div className="gt-case-layout__case">
          <h2 className="govuk-heading-m">Why it is in the sample</h2>
          <ul className="govuk-list gt-reasons" data-testid="sample-reasons">
            {item.reasons.map((reason) => (
              <li key={reason}>{reasonDescription(reason) || reasonName(reason)}</li>
            ))}
          </ul>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/clients/${spend.clientId}`}>
              See every spend for {spend.client.reference}
            </Link>
          </p>
          <SpendCase spend={spend} commentForm={<AuditorComment spendId={spend.id} onCommented={onCommented} />}>
            {wide ? null : form}
          </SpendCase>
        </div>
        {wide ? <div className="gt-case-layout__side">{form}</div> : null}
      </div>
    </>
  );
}

function findingProblems(error: unknown): { fields: FieldErrors<Field>; message: string | null } {
  if (error instanceof NetworkError) return { fields: {}, message: "Green Tape could not be reached. Check your connection and try again." };
  if (error instanceof ApiError) {
    const fields: FieldErrors<Field> = {};
    const result = error.fieldMessage("result");
    const notes = error.fieldMessage("notes");
    if (result) fields.result = result;
    if (notes) fields.notes = notes;
    if (result || notes) return { fields, message: null };
    if (error.status === 403) return { fields: {}, message: error.detail ?? "You cannot record a finding on this spend." };
    if (error.status < 500 && error.detail) return { fields: {}, message: error.detail };
  }
  return { fields: {}, message: "Sorry, the finding could not be saved. Try again in a moment." };
}

/** A spend a supervisor raised a concern about: the whole case, read-only, and where it goes next. */
export function ConcernCasePage() {
  const { spendId = "" } = useParams();
  const { state, reload } = useSpendCase(spendId);
  const spend = state.status === "loaded" ? state.data : null;
  const title = spend ? caseTitle(spend) : "Spend";
  usePageTitle(title);
  const concern = spend?.reviews.filter((r) => r.decision === "concern").at(-1);

  return (
    <>
      <Link to="/audit/queue" className="govuk-back-link">
        Back to your queue
      </Link>
      <span className="govuk-caption-l">Audit</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {state.status === "loading" ? <Loading label="Loading the case" /> : null}
      {state.status === "failed" ? <LoadFailed what="this spend" error={state.error} onRetry={reload} /> : null}
      {spend ? (
        <div className="gt-case-layout__case">
          {concern ? (
            <div className="govuk-inset-text" data-testid="concern">
              <p className="govuk-body">
                <strong>{concern.reviewer.name} raised a concern</strong> on {formatTimestamp(concern.createdAt)}:
              </p>
              <p className="govuk-body gt-prose">{concern.comment}</p>
            </div>
          ) : null}
          <p className="govuk-body">
            A spend with a concern always goes into the next sample drawn for its month, {formatPeriod(spend.period)}. Record your
            finding there.
          </p>
          <div className="gt-button-row">
            <Link className="govuk-button" to={`/audit/samples/new?period=${spend.period}`}>
              Draw a sample for {formatPeriod(spend.period)}
            </Link>
            <Link className="govuk-link" to={`/clients/${spend.clientId}`}>
              See every spend for {spend.client.reference}
            </Link>
          </div>
          <SpendCase spend={spend} commentForm={<AuditorComment spendId={spend.id} onCommented={reload} />} />
        </div>
      ) : null}
    </>
  );
}
