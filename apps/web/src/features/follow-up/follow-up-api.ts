import { apiPut } from "../../lib/api-client.ts";
import type { FollowUpInput } from "@greentape/domain/workflow-input";
import { type SpendDetail, spendDetailSchema } from "@greentape/contract/spends";

/** PUT /api/spends/:id/follow-up: records (or corrects) how the client got on; answers with the whole spend. */
export async function recordFollowUp(id: string, input: FollowUpInput): Promise<SpendDetail> {
  return spendDetailSchema.parse(await apiPut<unknown>(`/api/spends/${encodeURIComponent(id)}/follow-up`, input));
}
