import { useRef, useState } from "react";
import { canJustify } from "@greentape/domain/permissions";
import { workerMayReviseJustification } from "@greentape/domain/tracks";
import type { JustificationStatus } from "@greentape/domain/tracks";
import { NARRATIVE_MAX_CHARS, NARRATIVE_MIN_CHARS, justificationInputSchema } from "@greentape/domain/workflow-input";
import type { JustificationInput } from "@greentape/domain/workflow-input";
import type { SpendDetail } from "@greentape/contract/spends";
import { DraftStatus } from "../../components/draft-status.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LabelledFormGroup, describedBy, messageIds } from "../../components/form-group.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { useDraft } from "../../lib/drafts.ts";
import { submitJustification } from "./justify-api.ts";
import { formatTimestamp } from "../../lib/format.ts";
import { SpendActionNotAllowed, SpendFormLayout, SpendFormPage, useSpendDraftSubmit } from "../spend-case/index.ts";
import type { Checked } from "../spend-case/index.ts";

const FIELDS = ["narrative", "intendedOutcome"] as const;
type Field = (typeof FIELDS)[number];

const OUTCOME_MAX_CHARS = 1000;

export function JustifyPage() {
  return <SpendFormPage heading="Justify a spend" form={(spend) => <JustifyForm spend={spend} />} />;
}

function JustifyForm({ spend }: { spend: SpendDetail }) {
  const user = useCurrentUser();
  const draft = useDraft("justification", user.id, spend.id, () => ({
    narrative: spend.justification?.narrative ?? "",
    intendedOutcome: spend.justification?.intendedOutcome ?? "",
  }));
  const { errors, general, offline, submitting, submit } = useSpendDraftSubmit(spend.id, "justification", draft, FIELDS);

  const status = spend.justificationStatus as JustificationStatus;
  const allowed =
    canJustify({ id: user.id, role: user.role, teamId: user.teamId }, { workerId: spend.workerId, teamId: spend.teamId, createdAt: new Date(spend.createdAt), voided: spend.voided }) &&
    workerMayReviseJustification(status);
  const query = status === "queried" ? [...spend.reviews].reverse().find((r) => r.decision === "query") : undefined;
  const revising = spend.justification !== null && spend.justification !== undefined;
  const heading = query ? "Answer your supervisor's question" : revising ? "Revise your justification" : "Justify your spend";

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...FIELDS.flatMap((f) => (errors[f] ? [{ fieldId: f, message: errors[f] as string }] : [])),
  ];
  usePageTitle(heading, summary.length > 0);

  function check(): Checked<Field, JustificationInput> {
    const parsed = justificationInputSchema.safeParse(draft.values);
    if (!parsed.success) {
      const found: FieldErrors<Field> = {};
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
      return { errors: found };
    }
    return { input: parsed.data };
  }

  if (!allowed) {
    return (
      <SpendActionNotAllowed
        heading="Justify a spend"
        reason={
          spend.voided
            ? "This spend was voided, so it needs no justification."
            : status === "endorsed"
              ? "Your justification has been endorsed, so it can no longer be changed."
              : status === "concern"
                ? "Your supervisor raised a concern about this spend, so the justification can no longer be changed. An auditor will look at it."
                : "Only the worker who logged this spend can justify it."
        }
        spendId={spend.id}
      />
    );
  }

  return (
    <SpendFormLayout
      spend={spend}
      heading={heading}
      deadline={{ key: "Due by", dueOn: spend.justificationDueOn, overdue: spend.justificationOverdue }}
      errors={summary}
      offline={offline}
    >
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

      <form
        noValidate
        onSubmit={(event) =>
          void submit(
            event,
            check,
            (input) => submitJustification(spend.id, input),
            query ? "Your answer has been sent to your supervisor." : "Justification sent. Your supervisor will read it.",
          )
        }
      >
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
        <DraftStatus savedAt={draft.savedAt} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" data-module="govuk-button" aria-disabled={submitting || undefined}>
            {submitting ? "Sending…" : query ? "Send your answer" : "Send justification"}
          </button>
        </div>
      </form>
    </SpendFormLayout>
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
  const { hintId, errorId } = messageIds(id, hint, error);

  return (
    <LabelledFormGroup id={id} label={label} hint={hint} error={error} groupClass="govuk-character-count">
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
        aria-describedby={describedBy(hintId, `${id}-info`, errorId)}
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
    </LabelledFormGroup>
  );
}
