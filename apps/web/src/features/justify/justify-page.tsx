import { useRef, useState } from "react";
import { SpendNotLoaded } from "../../components/spend-not-loaded.tsx";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { formatMoney } from "@greentape/domain/money";
import { canJustify } from "@greentape/domain/permissions";
import { workerMayReviseJustification } from "@greentape/domain/tracks";
import type { JustificationStatus } from "@greentape/domain/tracks";
import { NARRATIVE_MAX_CHARS, NARRATIVE_MIN_CHARS, justificationInputSchema } from "@greentape/domain/workflow-input";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Loading } from "../../components/loading.tsx";
import { formatDay, formatTimestamp } from "../../components/spend-case.tsx";
import type { SpendCaseData } from "../../components/spend-case.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { useDraft } from "../../lib/drafts.ts";
import { submitJustification, useSpend } from "./justify-api.ts";

const OUTCOME_MAX_CHARS = 1000;

export function JustifyPage() {
  const { id = "" } = useParams();
  const spend = useSpend(id);
  usePageTitle("Justify a spend");

  if (spend.state.status === "loading") {
    return (
      <>
        <h1 className="govuk-heading-l">Justify a spend</h1>
        <Loading label="Getting the spend" />
      </>
    );
  }
  if (spend.state.status === "failed") {
    return <SpendNotLoaded heading="Justify a spend" error={spend.state.error} onRetry={spend.reload} />;
  }
  return <JustifyForm spend={spend.state.data} />;
}

type Field = "narrative" | "intendedOutcome";

function JustifyForm({ spend }: { spend: SpendCaseData }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const draft = useDraft("justification", user.id, spend.id, () => ({
    narrative: spend.justification?.narrative ?? "",
    intendedOutcome: spend.justification?.intendedOutcome ?? "",
  }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  const status = spend.justificationStatus as JustificationStatus;
  const allowed =
    canJustify({ id: user.id, role: user.role, teamId: user.teamId }, { workerId: spend.workerId, teamId: spend.teamId, createdAt: new Date(spend.createdAt), voided: spend.voided }) &&
    workerMayReviseJustification(status);
  const query = status === "queried" ? [...spend.reviews].reverse().find((r) => r.decision === "query") : undefined;
  const revising = spend.justification !== null && spend.justification !== undefined;
  const heading = query ? "Answer your supervisor's question" : revising ? "Revise your justification" : "Justify your spend";

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...(["narrative", "intendedOutcome"] as const).flatMap((f) => (errors[f] ? [{ fieldId: f, message: errors[f] as string }] : [])),
  ];
  usePageTitle(heading, summary.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setGeneral(null);
    setOffline(false);
    const parsed = justificationInputSchema.safeParse(draft.values);
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as Field;
        if (found[field]) continue;
        found[field] =
          field === "narrative"
            ? draft.values.narrative.trim() === ""
              ? "Write why this spend was a good idea, in your own words"
              : draft.values.narrative.trim().length < NARRATIVE_MIN_CHARS
                ? `Write at least ${NARRATIVE_MIN_CHARS} characters`
                : issue.message
            : draft.values.intendedOutcome.trim() === ""
              ? "Say what you hope it will change for the client"
              : issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setSubmitting(true);
    draft.save();
    try {
      await submitJustification(spend.id, parsed.data);
      draft.discard();
      navigate(`/spends/${spend.id}`, { state: { done: query ? "Your answer has been sent to your supervisor." : "Justification sent. Your supervisor will read it." } });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof NetworkError) {
        setOffline(true);
        return;
      }
      if (error instanceof ApiError) {
        const narrative = error.fieldMessage("narrative");
        const intendedOutcome = error.fieldMessage("intendedOutcome");
        if (narrative || intendedOutcome) setErrors({ narrative, intendedOutcome });
        else setGeneral(error.detail ?? error.title);
        return;
      }
      setGeneral("Sorry, something went wrong. Your draft is saved on this phone. Try again.");
    }
  }

  if (!allowed) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Justify a spend</h1>
          <p className="govuk-body">
            {spend.voided
              ? "This spend was voided, so it needs no justification."
              : status === "endorsed"
                ? "Your justification has been endorsed, so it can no longer be changed."
                : status === "concern"
                  ? "Your supervisor raised a concern about this spend, so the justification can no longer be changed. An auditor will look at it."
                  : "Only the worker who logged this spend can justify it."}
          </p>
          <Link className="govuk-link" to={`/spends/${spend.id}`}>
            Back to the spend
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        {offline ? <OfflineNotice /> : null}
        <Link className="govuk-back-link" to={`/spends/${spend.id}`}>
          Back to the spend
        </Link>
        <span className="govuk-caption-l">
          {formatMoney(spend.amount, spend.currency)} for {spend.client.reference}
        </span>
        <h1 className="govuk-heading-l">{heading}</h1>

        <SummaryList
          rows={[
            { key: "Paid to", value: spend.payee },
            { key: "Category", value: spend.category },
            { key: "Date spent", value: formatDay(spend.spentOn) },
            {
              key: "Due by",
              value: `${formatDay(spend.justificationDueOn)}${spend.justificationOverdue ? " (overdue)" : ""}`,
            },
          ]}
        />

        {query ? (
          <div className="govuk-inset-text" data-testid="query">
            <p className="govuk-body">
              <strong>{query.reviewer.name} asked</strong> on {formatTimestamp(query.createdAt)}:
            </p>
            <p className="govuk-body gt-prose">{query.comment}</p>
            <p className="govuk-body">Answer by changing your justification below.</p>
          </div>
        ) : null}

        <p className="govuk-body">
          Explain in your own words why this was a good way to help. This is not a form to tick: say what you saw, what you
          hoped for, and why this spend.
        </p>

        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <CharacterCountTextarea
            id="narrative"
            label="Why this spend was a good idea"
            hint={`At least ${NARRATIVE_MIN_CHARS} characters.`}
            value={draft.values.narrative}
            onChange={(narrative) => draft.change({ narrative })}
            min={NARRATIVE_MIN_CHARS}
            max={NARRATIVE_MAX_CHARS}
            rows={8}
            error={errors.narrative}
          />
          <CharacterCountTextarea
            id="intendedOutcome"
            label="What you hope it will change for the client"
            value={draft.values.intendedOutcome}
            onChange={(intendedOutcome) => draft.change({ intendedOutcome })}
            min={1}
            max={OUTCOME_MAX_CHARS}
            rows={3}
            error={errors.intendedOutcome}
          />
          <p className="govuk-body-s gt-draft-status" role="status" data-testid="draft-status">
            {draft.savedAt ? `Draft saved on this phone at ${formatTimestamp(draft.savedAt).split(" at ")[1] ?? ""}.` : ""}
          </p>
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" data-module="govuk-button" aria-disabled={submitting || undefined}>
              {submitting ? "Sending…" : query ? "Send your answer" : "Send justification"}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}

function OfflineNotice() {
  return (
    <div className="govuk-notification-banner" role="alert" aria-labelledby="offline-title" data-testid="offline-notice">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="offline-title">
          Important
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">You seem to be offline, so it was not sent.</p>
        <p className="govuk-body">Your draft is saved on this phone. Send it when you have a signal.</p>
      </div>
    </div>
  );
}

interface CharacterCountProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  min: number;
  max: number;
  rows: number;
  error?: string;
}

function countMessage(value: string, min: number, max: number): { text: string; over: boolean } {
  const length = value.trim().length;
  const n = (k: number) => `${k.toLocaleString("en-GB")} ${k === 1 ? "character" : "characters"}`;
  if (length > max) return { text: `You have ${n(length - max)} too many`, over: true };
  if (length > 0 && length < min && min > 1) return { text: `${n(min - length)} more needed (at least ${min})`, over: false };
  return { text: `You have ${n(max - length)} remaining`, over: false };
}

/** GOV.UK character count: a textarea that says how many characters are left (or needed). */
function CharacterCountTextarea({ id, label, hint, value, onChange, min, max, rows, error }: CharacterCountProps) {
  const status = countMessage(value, min, max);
  // Screen readers hear the count once typing pauses, not at every key.
  const [spoken, setSpoken] = useState("");
  const timer = useRef<number | undefined>(undefined);
  const describedBy = [hint ? `${id}-hint` : null, `${id}-info`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className={`govuk-form-group govuk-character-count${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        className={`govuk-textarea govuk-js-character-count${error || status.over ? " govuk-textarea--error" : ""}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(e) => {
          const next = e.target.value;
          onChange(next);
          window.clearTimeout(timer.current);
          timer.current = window.setTimeout(() => setSpoken(countMessage(next, min, max).text), 1000);
        }}
        aria-describedby={describedBy}
      />
      <div id={`${id}-info`} className="govuk-visually-hidden">
        You can enter up to {max.toLocaleString("en-GB")} characters
      </div>
      <div
        className={`govuk-character-count__message govuk-character-count__status ${status.over ? "govuk-error-message" : "govuk-hint"}`}
        aria-hidden="true"
        data-testid={`${id}-count`}
      >
        {status.text}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {spoken}
      </div>
    </div>
  );
}
