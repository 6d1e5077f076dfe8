import type { ReactNode } from "react";
import { NotificationBanner } from "./notification-banner.tsx";

/** GOV.UK success notification banner: what just happened, announced to screen readers. */
export function SuccessBanner({ heading, children }: { heading: string; children?: ReactNode }) {
  return (
    <NotificationBanner role="alert" success heading={heading} headingTestId="success-heading">
      {children ? <div className="govuk-body govuk-!-margin-bottom-0">{children}</div> : null}
    </NotificationBanner>
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
