import { ApiError, NetworkError } from "../../lib/api-client.ts";

/** In place of a spend's form when the spend could not be loaded: why, in plain words, and a retry. */
export function SpendNotLoaded({ heading, error, onRetry }: { heading: string; error: unknown; onRetry: () => void }) {
  return (
    <>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        {error instanceof ApiError && error.status === 404
          ? "There is no spend here that you can see. Check the link."
          : error instanceof NetworkError
            ? "You seem to be offline, and this phone has not got this spend. Open it again when you have a signal."
            : "The spend could not be loaded just now."}
      </p>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
        Try again
      </button>
    </>
  );
}
