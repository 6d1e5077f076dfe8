import { useId } from "react";
import type { ReactNode, Ref } from "react";

interface NotificationBannerProps {
  /** "alert" for what has just happened, so it is read out at once; "region" for news that can wait. */
  role: "alert" | "region";
  success?: boolean;
  /** The small title above the heading; as in GOV.UK's own banner, "Success" or "Important" unless given. */
  title?: string;
  /** id of the title, which names the banner; a generated one when left out. */
  titleId?: string;
  heading: ReactNode;
  headingTestId?: string;
  testId?: string;
  /** For pages that move focus to the banner when it appears; it makes the banner focusable. */
  focusRef?: Ref<HTMLDivElement>;
  children?: ReactNode;
}

/** GOV.UK notification banner. */
export function NotificationBanner({ role, success, title, titleId, heading, headingTestId, testId, focusRef, children }: NotificationBannerProps) {
  const generatedTitleId = useId();
  const labelId = titleId ?? generatedTitleId;
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={role}
      aria-labelledby={labelId}
      ref={focusRef}
      tabIndex={focusRef ? -1 : undefined}
      data-testid={testId}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={labelId}>
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading" data-testid={headingTestId}>
          {heading}
        </p>
        {children}
      </div>
    </div>
  );
}
