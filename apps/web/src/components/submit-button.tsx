import type { ReactNode } from "react";

/**
 * A form's GOV.UK start button. While the form is being sent it says so and is only aria-disabled:
 * it keeps focus and stays in the tab order, and the form's handler ignores a second press.
 */
export function SubmitButton({ busy, busyLabel, children }: { busy: boolean; busyLabel?: string; children: ReactNode }) {
  return (
    <button type="submit" className="govuk-button" aria-disabled={busy || undefined}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
