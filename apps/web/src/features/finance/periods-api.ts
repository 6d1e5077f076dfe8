// Finance's periods: the list with totals, one period, and closing it.
import { z } from "zod/mini";
import { breakdownSchema, periodDetailSchema, periodListSchema, type PeriodDetail } from "@greentape/contract/periods";
import { apiPost } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const periodsSchema = z.pipe(periodListSchema, z.transform((answer) => answer.items));

export function usePeriods() {
  return useApiData("/api/periods", periodsSchema);
}

export function usePeriod(period: string) {
  return useApiData(`/api/periods/${encodeURIComponent(period)}`, periodDetailSchema);
}

/** Closes a period for good. `expectedUnjustified` is what the person saw, so the server can refuse if it changed. */
export async function closePeriod(period: string, expectedUnjustified: number): Promise<PeriodDetail> {
  const answer = await apiPost<unknown>(`/api/periods/${encodeURIComponent(period)}/close`, { confirm: true, expectedUnjustified });
  return periodDetailSchema.parse(answer);
}

export const BREAKDOWN_DIMENSIONS = [
  { key: "team", heading: "Team", noun: "team" },
  { key: "category", heading: "Category", noun: "category" },
  { key: "scheme", heading: "Scheme", noun: "scheme" },
  { key: "paymentMethod", heading: "Payment method", noun: "payment method" },
] as const;

export function useBreakdown(period: string) {
  return useApiData(`/api/periods/${encodeURIComponent(period)}/breakdown`, breakdownSchema);
}
