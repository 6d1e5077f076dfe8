import type { PeriodStatus } from "@greentape/domain/dates";

/** "Open" or "Closed", as a GOV.UK tag. */
export function PeriodStatusTag({ status }: { status: PeriodStatus }) {
  return status === "closed" ? (
    <strong className="govuk-tag govuk-tag--grey">Closed</strong>
  ) : (
    <strong className="govuk-tag">Open</strong>
  );
}
