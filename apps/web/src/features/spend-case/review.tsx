import type { SpendDetail } from "@greentape/contract/spends";
import { formatTimestamp } from "../../lib/format.ts";

const DECISION_TEXT: Record<string, { label: string; className: string }> = {
  endorse: { label: "Endorsed", className: "govuk-tag--green" },
  query: { label: "Question", className: "govuk-tag--orange" },
  concern: { label: "Concern", className: "govuk-tag--red" },
};

/** One review of a justification's revision: the decision and what the reviewer wrote. */
export function Review({ review }: { review: SpendDetail["reviews"][number] }) {
  const decision = DECISION_TEXT[review.decision] ?? { label: review.decision, className: "govuk-tag--grey" };
  return (
    <div className="gt-review" data-testid="review">
      <p className="govuk-body-s gt-review__meta">
        <strong className={`govuk-tag ${decision.className}`}>{decision.label}</strong> from {review.reviewer.name},{" "}
        {formatTimestamp(review.createdAt)}
      </p>
      {review.comment ? <p className="govuk-body gt-prose">{review.comment}</p> : null}
    </div>
  );
}
