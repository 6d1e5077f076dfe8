import { apiPut } from "../../lib/api-client.ts";
import { spendCaseSchema } from "../../components/spend-case.tsx";
import type { SpendCaseData } from "../../components/spend-case.tsx";
import type { FollowUpInput } from "@greentape/domain/workflow-input";

/** PUT /api/spends/:id/follow-up: records (or corrects) how the client got on; answers with the whole spend. */
export async function recordFollowUp(id: string, input: FollowUpInput): Promise<SpendCaseData> {
  return spendCaseSchema.parse(await apiPut<unknown>(`/api/spends/${encodeURIComponent(id)}/follow-up`, input));
}
