import type { CommentInput, ReviewInput } from "@greentape/domain/workflow-input";
import { spendDetailSchema } from "@greentape/contract/spends";
import { apiPost } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

/** The whole case of one spend (`GET /api/spends/:id`). */
export function useSpendCase(spendId: string) {
  return useApiData(`/api/spends/${encodeURIComponent(spendId)}`, spendDetailSchema);
}

/** `POST /api/spends/:id/reviews`: endorse, query or concern (the last two need a comment). */
export function sendReview(spendId: string, input: ReviewInput): Promise<unknown> {
  return apiPost<unknown>(`/api/spends/${encodeURIComponent(spendId)}/reviews`, input);
}

/** `POST /api/spends/:id/comments`; `visibility: "reviewers"` is a note the worker never sees. */
export function sendComment(spendId: string, input: CommentInput): Promise<unknown> {
  return apiPost<unknown>(`/api/spends/${encodeURIComponent(spendId)}/comments`, input);
}
