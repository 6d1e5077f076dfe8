import { apiGet } from "../lib/api-client.ts";
import { useLoad } from "../lib/use-api-data.ts";
import { spendCaseSchema } from "./spend-case.tsx";
import type { SpendCaseData } from "./spend-case.tsx";

export async function fetchSpend(id: string, signal?: AbortSignal): Promise<SpendCaseData> {
  return spendCaseSchema.parse(await apiGet<unknown>(`/api/spends/${encodeURIComponent(id)}`, { signal }));
}

export function useSpend(id: string) {
  return useLoad(`spend:${id}`, (signal) => fetchSpend(id, signal));
}
