import { Link } from "../lib/router.tsx";

/** In place of a form about a spend that this person may not fill in (now): why not, and the way back. */
export function SpendActionNotAllowed({ heading, reason, spendId }: { heading: string; reason: string; spendId: string }) {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">{reason}</p>
        <Link className="govuk-link" to={`/spends/${spendId}`}>
          Back to the spend
        </Link>
      </div>
    </div>
  );
}
