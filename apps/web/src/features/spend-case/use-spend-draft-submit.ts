import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "../../lib/router.tsx";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { addWriteToOutbox, discardWrites, useOutbox } from "../../lib/outbox.ts";
import type { OutboxProblem, WriteKind } from "../../lib/outbox.ts";
import { serverFieldErrors } from "../../components/server-field-errors.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

/** What checking a form gives: the input to send, or what to put right first. */
export type Checked<F extends string, T> = { input: T } | { errors: FieldErrors<F> };

interface Draft {
  save(): void;
  discard(): void;
}

function problemFieldErrors<F extends string>(problem: OutboxProblem, fields: readonly F[]): FieldErrors<F> | null {
  return serverFieldErrors(new ApiError({ type: problem.type, title: problem.title, status: problem.status, errors: problem.errors }), fields);
}

/**
 * Sending what someone wrote about a spend (a justification, a follow-up) from a form with a
 * draft behind it. With no signal it goes into the outbox (`queued`), which sends it by itself
 * when the signal returns; the page then moves on to the spend as if it had been sent now. The
 * draft stays on the phone until the server has accepted it; a refusal, now or from the outbox,
 * is shown on the form with what was written.
 */
export function useSpendDraftSubmit<F extends string>(spendId: string, kind: WriteKind, draft: Draft, fields: readonly F[]) {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const outbox = useOutbox(user.id);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const done = useRef<string | null>(null);
  const waiting = outbox.writes.find((w) => w.spendId === spendId && w.kind === kind);
  const queued = waiting?.state === "waiting" || waiting?.state === "sending";
  const refusal = waiting?.state === "needs-attention" ? waiting.problem : null;
  const seenQueued = useRef(false);

  // The outbox sent what this page queued: show the spend, as a send made now would.
  useEffect(() => {
    if (queued) seenQueued.current = true;
    else if (seenQueued.current && outbox.loaded && !waiting) navigate(`/spends/${spendId}`, { state: { done: done.current ?? "What you wrote has been sent." } });
  }, [queued, waiting, outbox.loaded, navigate, spendId]);

  // A refusal the outbox met is shown like one met now, until the worker sends again.
  const refusalErrors = refusal ? problemFieldErrors(refusal, fields) : null;
  const shownErrors: FieldErrors<F> = Object.keys(errors).length > 0 ? errors : (refusalErrors ?? {});
  const shownGeneral = general ?? (refusal && !refusalErrors ? (refusal.detail ?? refusal.title) : null);

  /** Checks the form, sends the input, then shows the spend with `news` as the news. */
  async function submit<T>(event: FormEvent<HTMLFormElement>, check: () => Checked<F, T>, send: (input: T) => Promise<unknown>, news: string) {
    event.preventDefault();
    if (submitting) return;
    setGeneral(null);
    const checked = check();
    if ("errors" in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    draft.save();
    done.current = news;
    try {
      await send(checked.input);
      draft.discard();
      await discardWrites({ userId: user.id, spendId, kind }).catch(() => undefined);
      navigate(`/spends/${spendId}`, { state: { done: news } });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof NetworkError) {
        // Without storage for the outbox, the draft is all that is kept: it is sent by hand.
        await addWriteToOutbox({ userId: user.id, spendId, kind, body: { ...(checked.input as Record<string, unknown>) } }).catch(() =>
          setGeneral("You seem to be offline, so it was not sent. Your draft is saved on this phone: send it when you have a signal."),
        );
        return;
      }
      if (error instanceof ApiError) {
        const fromServer = serverFieldErrors(error, fields);
        if (fromServer) setErrors(fromServer);
        else setGeneral(error.detail ?? error.title);
        return;
      }
      setGeneral("Sorry, something went wrong. Your draft is saved on this phone. Try again.");
    }
  }

  return { errors: shownErrors, general: shownGeneral, offline: queued, submitting, submit };
}
