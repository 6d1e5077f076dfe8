import { useSyncExternalStore } from "react";
import { isUpdateReady, reloadWithUpdate, subscribeToUpdate } from "./service-worker.ts";

/** Tells people when a new version is ready, and lets them choose when to reload (so no half-filled form is lost). */
export function UpdateBanner() {
  const ready = useSyncExternalStore(subscribeToUpdate, isUpdateReady, () => false);
  if (!ready) return null;
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="update-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="update-banner-title">
          Update
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">A new version of Green Tape is ready.</p>
        <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void reloadWithUpdate()}>
          Reload to update
        </button>
      </div>
    </div>
  );
}
