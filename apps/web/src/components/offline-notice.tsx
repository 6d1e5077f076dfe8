import { NotificationBanner } from "./notification-banner.tsx";

/** After a draft could not be sent for want of a signal: it is safe, and can be sent later. */
export function OfflineNotice() {
  return (
    <NotificationBanner role="alert" titleId="offline-title" testId="offline-notice" heading="You seem to be offline, so it was not sent.">
      <p className="govuk-body">Your draft is saved on this phone. Send it when you have a signal.</p>
    </NotificationBanner>
  );
}
