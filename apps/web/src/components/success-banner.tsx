import type { ReactNode } from "react";
import { useId } from "react";

/** GOV.UK success notification banner: what just happened, announced to screen readers. */
export function SuccessBanner({ heading, children }: { heading: string; children?: ReactNode }) {
  const titleId = useId();
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={titleId}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading" data-testid="success-heading">
          {heading}
        </p>
        {children ? <div className="govuk-body govuk-!-margin-bottom-0">{children}</div> : null}
      </div>
    </div>
  );
}

/** What a page passes to the next one in location state to show a success banner there. */
export interface FlashState {
  flash?: string;
}

export function flashFrom(state: unknown): string | null {
  const flash = (state as FlashState | null)?.flash;
  return typeof flash === "string" ? flash : null;
}
