import { useSyncExternalStore } from "react";
import { NotificationBanner } from "../components/notification-banner.tsx";
import { isUpdateReady, reloadWithUpdate, subscribeToUpdate } from "./service-worker.ts";

/** Tells people when a new version is ready, and lets them choose when to reload (so no half-filled form is lost). */
export function UpdateBanner() {
  const ready = useSyncExternalStore(subscribeToUpdate, isUpdateReady, () => false);
  if (!ready) return null;
  return (
    <NotificationBanner role="region" title="Update" titleId="update-banner-title" heading="A new version of Green Tape is ready.">
      <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={reloadWithUpdate}>
        Reload to update
      </button>
    </NotificationBanner>
  );
}
