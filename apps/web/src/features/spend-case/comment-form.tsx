import { useState } from "react";
import type { FormEvent } from "react";
import type { CommentVisibility } from "@greentape/domain/workflow-input";
import { ApiError, NetworkError, apiPost } from "../../lib/api-client.ts";
import { Radios, Textarea } from "../../components/form-fields.tsx";

async function addComment(spendId: string, body: string, visibility: CommentVisibility): Promise<void> {
  await apiPost<unknown>(`/api/spends/${encodeURIComponent(spendId)}/comments`, { body, visibility });
}

const VISIBILITY_CHOICES = [
  { value: "worker", label: "The worker as well", hint: "Everyone who can see this spend can read it, and the worker is told about it." },
  { value: "reviewers", label: "Reviewers only", hint: "Only supervisors, auditors and admins read it. The worker never sees it or hears of it." },
] as const satisfies readonly { value: CommentVisibility; label: string; hint: string }[];

function problemText(error: unknown, field: "body" | "visibility"): string | null {
  if (error instanceof NetworkError) return "Green Tape could not be reached. Check your connection and try again.";
  if (error instanceof ApiError) return error.fieldMessage(field) ?? null;
  return null;
}

interface CommentFormProps {
  spendId: string;
  /** The reader may write a reviewer-only note: they then choose, every time, who reads the comment. */
  reviewerNotes: boolean;
  onDone(message: string): void;
}

/**
 * A comment on a spend. A reviewer says each time whether the worker reads it: a note meant for
 * reviewers must never reach the worker by a default left as it was.
 */
export function CommentForm({ spendId, reviewerNotes, onDone }: CommentFormProps) {
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<CommentVisibility | "">(reviewerNotes ? "" : "worker");
  const [errors, setErrors] = useState<{ body?: string; visibility?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = {
      ...(body.trim() === "" ? { body: "Write your comment" } : {}),
      ...(visibility === "" ? { visibility: "Select who may read it" } : {}),
    };
    setErrors(found);
    if (visibility === "" || Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await addComment(spendId, body.trim(), visibility);
      setBody("");
      setVisibility(reviewerNotes ? "" : "worker");
      onDone(visibility === "reviewers" ? "Reviewer note added. The worker will not see it." : reviewerNotes ? "Comment added. The worker has been told." : "Comment added");
    } catch (e) {
      const visibilityProblem = problemText(e, "visibility");
      setErrors(visibilityProblem ? { visibility: visibilityProblem } : { body: problemText(e, "body") ?? (e instanceof ApiError ? (e.detail ?? e.title) : "Sorry, the comment could not be added. Try again.") });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label="Add a comment">
      <Textarea
        id="comment"
        label="Add a comment"
        hint={reviewerNotes ? "Say below whether the worker reads it." : "Everyone who can see this spend can read it."}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        error={errors.body}
        rows={3}
        maxLength={4000}
      />
      {reviewerNotes ? (
        <Radios<CommentVisibility>
          id="comment-visibility"
          name="comment-visibility"
          legend="Who may read it?"
          legendClass="govuk-fieldset__legend--s"
          options={VISIBILITY_CHOICES}
          value={visibility}
          onChange={setVisibility}
          error={errors.visibility}
        />
      ) : null}
      <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={busy || undefined}>
        {busy ? "Adding…" : "Add comment"}
      </button>
    </form>
  );
}
