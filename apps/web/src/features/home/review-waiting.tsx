import { z } from "zod/mini";
import { Link } from "../../lib/router.tsx";
import { reviewQueueSchema } from "@greentape/contract/worklists";
import { useApiData } from "../../lib/use-api-data.ts";
import { waitingForReview } from "../../lib/format.ts";

const queueSize = z.pick(reviewQueueSchema, { waiting: true });

/** A supervisor's first job: how many of the team's justifications wait for them, and the way in. */
export function ReviewWaiting() {
  const { state } = useApiData("/api/worklists/review-queue?limit=1", queueSize);
  if (state.status !== "loaded") return null;
  return (
    <p className="govuk-body-l" data-testid="review-waiting">
      {state.data.waiting === 0 ? (
        waitingForReview(0)
      ) : (
        <Link className="govuk-link" to="/review">
          {waitingForReview(state.data.waiting)}
        </Link>
      )}
    </p>
  );
}
