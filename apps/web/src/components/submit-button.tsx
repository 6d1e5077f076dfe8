import type { ReactNode } from "react";
import { Link } from "../lib/router.tsx";

interface SubmitButtonProps {
  busy: boolean;
  /** What the button says while the form is being sent, like "Saving…". */
  busyLabel?: string;
  /** For a step that takes something away (deactivating, closing a month). */
  warning?: boolean;
  children: ReactNode;
}

/**
 * A form's GOV.UK start button. While the form is being sent it says so and is only aria-disabled:
 * it keeps focus and stays in the tab order, and the form's handler ignores a second press.
 */
export function SubmitButton({ busy, busyLabel, warning = false, children }: SubmitButtonProps) {
  return (
    <button type="submit" className={warning ? "govuk-button govuk-button--warning" : "govuk-button"} aria-disabled={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}

/** A form's submit button and, beside it, the way back without changing anything. */
export function SubmitOrCancel({ cancelTo, ...button }: SubmitButtonProps & { cancelTo: string }) {
  return (
    <div className="govuk-button-group">
      <SubmitButton {...button} />
      <Link className="govuk-link" to={cancelTo}>
        Cancel
      </Link>
    </div>
  );
}
