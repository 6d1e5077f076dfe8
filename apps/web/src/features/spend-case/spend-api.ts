import { type SpendDetail, spendDetailSchema } from "@greentape/contract/spends";
import { apiGet } from "../../lib/api-client.ts";
import { useLoad } from "../../lib/use-api-data.ts";

export async function fetchSpend(id: string, signal?: AbortSignal): Promise<SpendDetail> {
  return spendDetailSchema.parse(await apiGet<unknown>(`/api/spends/${encodeURIComponent(id)}`, { signal }));
}

export function useSpend(id: string) {
  return useLoad(`spend:${id}`, (signal) => fetchSpend(id, signal));
}
