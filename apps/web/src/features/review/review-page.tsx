import { useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { formatMoney } from "@greentape/domain/money";
import { reviewInputSchema } from "@greentape/domain/workflow-input";
import type { ReviewDecision } from "@greentape/domain/workflow-input";
import type { SpendDetail } from "@greentape/contract/spends";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { Radios, Textarea } from "../../components/form-fields.tsx";
import type { RadioOption } from "../../components/form-fields.tsx";
import { sendComment, sendReview, useSpendCase } from "./review-api.ts";
import { useWideScreen } from "../../lib/use-wide-screen.ts";
import "../../styles/office-components.scss";
import { SpendCase } from "../spend-case/index.ts";
import "./review.scss";
import type { FieldErrors } from "../../lib/field-errors.ts";

type Field = "decision" | "comment" | "note-body";

interface Problems {
  fields: FieldErrors<Field>;
  general?: string;
}

const NO_PROBLEMS: Problems = { fields: {} };
const FIELD_ORDER: readonly Field[] = ["decision", "comment", "note-body"];

/** The review screen: the whole case, the decision, and a note only reviewers can see. */
export function ReviewPage() {
  const { spendId = "" } = useParams();
  const user = useCurrentUser();
  const wide = useWideScreen();
  const navigate = useNavigate();
  const { state, reload } = useSpendCase(spendId);

  // Held here, not in the form, so a half-written comment survives the form moving between the
  // side column (laptop) and the flow of the case (phone) when the screen turns.
  const [decision, setDecision] = useState<ReviewDecision | "">("");
  const [comment, setComment] = useState("");
  const [sending, setSending] = useState(false);
  const [note, setNote] = useState("");
  const [noteStatus, setNoteStatus] = useState("");
  const [sendingNote, setSendingNote] = useState(false);
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const noteField = useRef<HTMLTextAreaElement>(null);

  // A new list only when the problems change: the summary takes focus each time it gets one.
  const summary = useMemo<SummaryError[]>(
    () => [
      ...(problems.general ? [{ message: problems.general }] : []),
      ...FIELD_ORDER.flatMap((field) => {
        const message = problems.fields[field];
        return message ? [{ fieldId: field, message }] : [];
      }),
    ],
    [problems],
  );

  const spend = state.status === "loaded" ? state.data : null;
  const title = spend ? `${spend.client.reference}: ${formatMoney(spend.amount, spend.currency)} on ${spend.category}` : "Review a justification";
  usePageTitle(spend ? `Review ${title}` : "Review a justification", summary.length > 0);

  async function submitDecision(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending || !spend) return;
    const worker = spend.worker.name;
    const fields: FieldErrors<Field> = {};
    if (decision === "") {
      fields.decision = "Select whether to endorse it, ask a question or raise a concern";
    } else {
      if (decision !== "endorse" && comment.trim() === "") {
        fields.comment = decision === "query" ? `Enter your question for ${worker}` : "Enter what worries you about this spend";
      }
      const parsed = reviewInputSchema.safeParse({ decision, comment });
      const issue = parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === "comment");
      if (issue && !fields.comment) fields.comment = issue.message;
    }
    if (decision === "" || Object.keys(fields).length > 0) {
      setProblems({ fields });
      return;
    }

    setSending(true);
    try {
      await sendReview(spend.id, { decision, comment: comment.trim() });
    } catch (error) {
      setSending(false);
      if (error instanceof ApiError && error.status === 409) reload();
      setProblems(decisionProblems(error));
      return;
    }
    navigate("/review", { state: { done: doneMessage(spend, decision) } });
  }

  async function submitNote(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sendingNote || !spend) return;
    setNoteStatus("");
    if (note.trim() === "") {
      setProblems({ fields: { "note-body": "Enter your note for reviewers" } });
      return;
    }
    setSendingNote(true);
    try {
      await sendComment(spend.id, { body: note.trim(), visibility: "reviewers" });
    } catch (error) {
      setSendingNote(false);
      const field = error instanceof ApiError ? error.fieldMessage("body") : undefined;
      setProblems(field ? { fields: { "note-body": field } } : { fields: {}, general: noteProblem(error) });
      return;
    }
    setSendingNote(false);
    setProblems(NO_PROBLEMS);
    setNote("");
    setNoteStatus("Your note was added. Only reviewers can see it.");
    noteField.current?.focus();
    reload();
  }

  const decisionPanel = spend ? (
    canDecide(spend, user.id) ? (
      <form noValidate onSubmit={(event) => void submitDecision(event)} className="gt-review-panel" aria-labelledby="decision-heading">
        <h2 className="govuk-heading-m" id="decision-heading">
          Your decision
        </h2>
        <Radios<ReviewDecision>
          id="decision"
          name="decision"
          legend="What do you want to do?"
          legendClass="govuk-fieldset__legend--s"
          options={decisionOptions(spend.worker.name)}
          value={decision}
          onChange={setDecision}
          error={problems.fields.decision}
        />
        <Textarea
          id="comment"
          name="comment"
          label="Comment"
          hint={
            decision === "endorse"
              ? `Optional. ${spend.worker.name} will see it.`
              : `Needed if you ask a question or raise a concern. ${spend.worker.name} will see it.`
          }
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          error={problems.fields.comment}
          maxLength={2000}
        />
        <SubmitButton busy={sending} busyLabel="Sending…">
          Send decision
        </SubmitButton>
      </form>
    ) : (
      <div className="gt-review-panel">
        <h2 className="govuk-heading-m">Decision</h2>
        <p className="govuk-body" data-testid="no-decision">
          {noDecisionText(spend, spend.workerId === user.id)}
        </p>
      </div>
    )
  ) : null;

  const noteForm = spend ? (
    <form noValidate onSubmit={(event) => void submitNote(event)} className="gt-reviewer-note" aria-labelledby="note-heading">
      <h3 className="govuk-heading-s" id="note-heading">
        Add a note for reviewers
      </h3>
      <p className="govuk-body gt-reviewer-note__warning">
        <strong className="govuk-tag govuk-tag--purple">Only reviewers can see this</strong>
        <span className="govuk-body-s gt-reviewer-note__who">
          Supervisors and auditors can read it. {spend.worker.name} never sees it.
        </span>
      </p>
      <Textarea
        id="note-body"
        name="note"
        label="Note"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={problems.fields["note-body"]}
        rows={3}
        maxLength={4000}
        ref={noteField}
      />
      <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={sendingNote || undefined}>
        {sendingNote ? "Adding…" : "Add note"}
      </button>
      <p className="govuk-body" role="status" data-testid="note-status">
        {noteStatus}
      </p>
    </form>
  ) : null;

  return (
    <>
      <Link to="/review" className="govuk-back-link">
        Back to the review queue
      </Link>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">Review</span>
      <h1 className="govuk-heading-l">{title}</h1>

      {state.status === "loading" ? <Loading label="Loading the case" /> : null}
      {state.status === "failed" ? <LoadFailed what="this spend" error={state.error} onRetry={reload} /> : null}
      {spend ? (
        <div className="gt-review-layout">
          <div className="gt-review-layout__case">
            <p className="govuk-body">
              <Link className="govuk-link" to={`/clients/${spend.clientId}`}>
                See every spend for {spend.client.reference}
              </Link>
            </p>
            <SpendCase spend={spend} commentForm={noteForm}>
              {wide ? null : decisionPanel}
            </SpendCase>
          </div>
          {wide ? <div className="gt-review-layout__side">{decisionPanel}</div> : null}
        </div>
      ) : null}
    </>
  );
}

function canDecide(spend: SpendDetail, userId: string): boolean {
  return !spend.voided && spend.justificationStatus === "submitted" && spend.workerId !== userId;
}

function noDecisionText(spend: SpendDetail, own: boolean): string {
  const worker = spend.worker.name;
  if (spend.voided) return "This spend was voided, so there is nothing to review.";
  if (own) return "You logged this spend, so another supervisor must review it.";
  switch (spend.justificationStatus) {
    case "due":
      return `${worker} has not sent a justification yet.`;
    case "queried":
      return `A question was asked. This comes back to your queue when ${worker} answers by revising the justification.`;
    case "endorsed":
      return "This justification has been endorsed.";
    case "concern":
      return "A concern was raised. The auditors will look at this spend.";
    default:
      return "There is nothing to decide on this spend now.";
  }
}

function decisionOptions(worker: string): readonly RadioOption<ReviewDecision>[] {
  return [
    { value: "endorse", label: "Endorse it", hint: `The justification holds up. ${worker} is told.` },
    { value: "query", label: "Ask a question", hint: `It goes back to ${worker}, who answers by revising the justification.` },
    { value: "concern", label: "Raise a concern", hint: "It goes to the auditors and is always in the next audit sample for its month." },
  ];
}

function doneMessage(spend: SpendDetail, decision: ReviewDecision): { heading: string; body: string } {
  const what = `${formatMoney(spend.amount, spend.currency)} on ${spend.category} for ${spend.client.reference}`;
  const worker = spend.worker.name;
  if (decision === "endorse") return { heading: "Justification endorsed", body: `${worker} will be told you endorsed the spend of ${what}.` };
  if (decision === "query") {
    return { heading: "Question sent", body: `The spend of ${what} has gone back to ${worker}. It comes back here when they answer.` };
  }
  return { heading: "Concern raised", body: `The spend of ${what} has gone to the auditors and will be in the next audit sample.` };
}

function decisionProblems(error: unknown): Problems {
  if (error instanceof NetworkError) return { fields: {}, general: "Green Tape could not be reached. Check your connection and try again." };
  if (error instanceof ApiError) {
    if (error.status === 400 || error.status === 422) {
      const fields: FieldErrors<Field> = {};
      const decision = error.fieldMessage("decision");
      const comment = error.fieldMessage("comment");
      if (decision) fields.decision = decision;
      if (comment) fields.comment = comment;
      if (decision || comment) return { fields };
    }
    if (error.status === 403) return { fields: {}, general: error.detail ?? "You cannot review this spend." };
    if (error.status === 409) {
      return { fields: {}, general: "This justification changed since you opened it. The page now shows where it stands." };
    }
    if (error.detail && error.status < 500) return { fields: {}, general: error.detail };
  }
  return { fields: {}, general: "Sorry, your decision could not be sent. Try again in a moment." };
}

function noteProblem(error: unknown): string {
  if (error instanceof NetworkError) return "Green Tape could not be reached. Check your connection and try again.";
  if (error instanceof ApiError && error.detail && error.status < 500) return error.detail;
  return "Sorry, your note could not be added. Try again in a moment.";
}
