import type { ReactNode } from "react";

/** GOV.UK warning text: bold, with the "!" icon, read out as "Warning" first. */
export function WarningText({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <div className="govuk-warning-text" data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}
