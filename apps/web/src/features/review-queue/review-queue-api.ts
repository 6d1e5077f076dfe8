import { reviewQueueSchema } from "@greentape/contract/worklists";
import { useApiData } from "../../lib/use-api-data.ts";

/** The supervisor's team's submitted justifications, oldest first (`GET /api/worklists/review-queue`). */
export function useReviewQueue() {
  return useApiData("/api/worklists/review-queue?limit=50", reviewQueueSchema);
}
