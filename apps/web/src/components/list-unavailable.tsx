import { NetworkError } from "../lib/api-client.ts";

interface ListUnavailableProps {
  error: unknown;
  /** What to say when the phone has no signal, the usual reason in the field. */
  offline: string;
  /** What to say when the server answered with a failure. */
  failed: string;
  onRetry(): void;
}

/** A worker's list that could not be read, said in the worker's terms, with a way to try again. */
export function ListUnavailable({ error, offline, failed, onRetry }: ListUnavailableProps) {
  return (
    <div className="govuk-inset-text">
      <p className="govuk-body">{error instanceof NetworkError ? offline : failed}</p>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
