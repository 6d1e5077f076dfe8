import { type SpendDetail, spendDetailSchema } from "@greentape/contract/spends";
import { apiPost } from "../../lib/api-client.ts";
import { fetchSpend } from "../../components/spend-api.ts";
import { useLoad } from "../../lib/use-api-data.ts";

export interface SpendPageData {
  spend: SpendDetail;
}

async function fetchSpendPage(id: string, signal?: AbortSignal): Promise<SpendPageData> {
  return { spend: await fetchSpend(id, signal) };
}

export function useSpendPage(id: string) {
  return useLoad(`spend:${id}`, (signal) => fetchSpendPage(id, signal));
}

export async function declareReceiptLost(spendId: string, input: { description: string; reason: string }): Promise<void> {
  await apiPost<unknown>(`/api/spends/${encodeURIComponent(spendId)}/receipt-lost`, input);
}

export async function voidSpend(spendId: string, reason: string): Promise<SpendDetail> {
  return spendDetailSchema.parse(await apiPost<unknown>(`/api/spends/${encodeURIComponent(spendId)}/void`, { reason }));
}
