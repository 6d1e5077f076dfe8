import type { Period } from "./periods-api.ts";

/** "Open" or "Closed", as a GOV.UK tag. */
export function PeriodStatusTag({ status }: { status: Period["status"] }) {
  return status === "closed" ? (
    <strong className="govuk-tag govuk-tag--grey">Closed</strong>
  ) : (
    <strong className="govuk-tag">Open</strong>
  );
}
