import { type SpendDetail, spendDetailSchema } from "@greentape/contract/spends";
import { apiPut } from "../../lib/api-client.ts";

/** PUT /api/spends/:id/justification: a new revision each time; answers with the whole spend. */
export async function submitJustification(id: string, input: { narrative: string; intendedOutcome: string }): Promise<SpendDetail> {
  return spendDetailSchema.parse(await apiPut<unknown>(`/api/spends/${encodeURIComponent(id)}/justification`, input));
}
