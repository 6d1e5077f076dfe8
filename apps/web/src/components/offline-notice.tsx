import { NotificationBanner } from "./notification-banner.tsx";

/** What was written went into the outbox for want of a signal: it is safe, and goes by itself. */
export function OfflineNotice() {
  return (
    <NotificationBanner role="alert" titleId="offline-title" testId="offline-notice" heading="No signal: waiting on this phone to be sent.">
      <p className="govuk-body">It will be sent by itself when you have a signal. You can leave this page; keep Green Tape on this phone until it has gone.</p>
    </NotificationBanner>
  );
}
