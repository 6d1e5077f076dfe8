import { describeApiError } from "../lib/use-api-data.ts";

interface LoadFailedProps {
  /** What could not be loaded, e.g. "the users". */
  what: string;
  error: unknown;
  onRetry?: () => void;
}

/** Shown in place of data that could not be loaded, with a way to try again. */
export function LoadFailed({ what, error, onRetry }: LoadFailedProps) {
  return (
    <div className="govuk-inset-text" role="alert">
      <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-2">Green Tape could not load {what}.</p>
      <p className="govuk-body">{describeApiError(error)}</p>
      {onRetry ? (
        <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
