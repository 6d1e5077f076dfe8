import type { ReactNode } from "react";

/** GOV.UK error message; screen readers hear "Error:" before it, as sighted people see its red. */
export function ErrorMessage({ id, role, children }: { id?: string; role?: "alert"; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message" role={role}>
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}
