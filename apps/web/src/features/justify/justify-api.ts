import { apiPut } from "../../lib/api-client.ts";
import { spendCaseSchema } from "../../components/spend-case.tsx";
import type { SpendCaseData } from "../../components/spend-case.tsx";

/** PUT /api/spends/:id/justification: a new revision each time; answers with the whole spend. */
export async function submitJustification(id: string, input: { narrative: string; intendedOutcome: string }): Promise<SpendCaseData> {
  return spendCaseSchema.parse(await apiPut<unknown>(`/api/spends/${encodeURIComponent(id)}/justification`, input));
}
