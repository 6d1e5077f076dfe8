import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError, NetworkError } from "../lib/api-client.ts";
import { serverFieldErrors } from "./server-field-errors.ts";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** What checking a form gives: the input to send, or what to put right first. */
export type Checked<F extends string, T> = { input: T } | { errors: FieldErrors<F> };

interface Draft {
  save(): void;
  discard(): void;
}

/**
 * Sending what someone wrote about a spend (a justification, a follow-up) from a form with a
 * draft behind it. The draft stays on the phone until the server has accepted it; when it is
 * not accepted, the form says why, and `offline` says it can be sent again with a signal.
 */
export function useSpendDraftSubmit<F extends string>(spendId: string, draft: Draft, fields: readonly F[]) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  /** Checks the form, sends the input, then shows the spend with `done` as the news. */
  async function submit<T>(event: FormEvent<HTMLFormElement>, check: () => Checked<F, T>, send: (input: T) => Promise<unknown>, done: string) {
    event.preventDefault();
    if (submitting) return;
    setGeneral(null);
    setOffline(false);
    const checked = check();
    if ("errors" in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    draft.save();
    try {
      await send(checked.input);
      draft.discard();
      navigate(`/spends/${spendId}`, { state: { done } });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof NetworkError) {
        setOffline(true);
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

  return { errors, general, offline, submitting, submit };
}
