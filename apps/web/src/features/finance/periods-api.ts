// Finance's periods: the list with totals, one period, and closing it.
import { z } from "zod";
import { apiPost } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

export const periodSchema = z.object({
  period: z.string().regex(/^\d{4}-\d{2}$/),
  status: z.enum(["open", "closed"]),
  /** Spends booked into the period, reversals included. */
  count: z.number().int(),
  /** Net of voids and reversals, in minor units. */
  total: z.number().int(),
  currency: z.string().optional(),
  /** For a closed period, frozen at what the close showed. */
  unjustifiedCount: z.number().int().nullish(),
  /** The same count as it is now. */
  liveUnjustifiedCount: z.number().int().nullish(),
  closedAt: z.string().nullish(),
  closedBy: z.union([z.string(), z.object({ id: z.string().optional(), name: z.string() })]).nullish(),
  closedByName: z.string().nullish(),
  exportSha256: z.string().nullish(),
  /** The event log's signed checkpoint current at close. */
  logCheckpoint: z.string().nullish(),
  /** Categories booked in an open period with no ledger code: it cannot close until they have one. */
  unmappedCategories: z.array(z.string()).optional(),
});
export type Period = z.infer<typeof periodSchema>;

const periodListSchema = z.union([
  z.array(periodSchema),
  z.object({ items: z.array(periodSchema) }).transform((answer) => answer.items),
]);

export function usePeriods() {
  return useApiData("/api/periods", periodListSchema);
}

export function usePeriod(period: string) {
  return useApiData(`/api/periods/${encodeURIComponent(period)}`, periodSchema);
}

/** Closes a period for good. `expectedUnjustified` is what the person saw, so the server can refuse if it changed. */
export async function closePeriod(period: string, expectedUnjustified: number | undefined): Promise<Period> {
  const answer = await apiPost<unknown>(`/api/periods/${encodeURIComponent(period)}/close`, {
    confirm: true,
    ...(expectedUnjustified === undefined ? {} : { expectedUnjustified }),
  });
  const parsed = periodSchema.safeParse(answer);
  return parsed.success ? parsed.data : (answer as Period);
}

/** Who closed it, as far as the answer says: a name, or nothing. */
export function closedByName(period: Period): string | null {
  if (period.closedByName) return period.closedByName;
  if (period.closedBy && typeof period.closedBy === "object") return period.closedBy.name;
  return null;
}

const breakdownGroupSchema = z.object({ key: z.string(), label: z.string(), currency: z.string(), count: z.number().int(), total: z.number().int() });
export type BreakdownGroup = z.infer<typeof breakdownGroupSchema>;

export const BREAKDOWN_DIMENSIONS = [
  { key: "team", heading: "Team", noun: "team" },
  { key: "category", heading: "Category", noun: "category" },
  { key: "scheme", heading: "Scheme", noun: "scheme" },
  { key: "paymentMethod", heading: "Payment method", noun: "payment method" },
] as const;

const breakdownSchema = z.object({
  period: z.string(),
  status: z.enum(["open", "closed"]),
  /** Per currency: what each dimension adds up to. */
  totals: z.array(z.object({ currency: z.string(), count: z.number().int(), total: z.number().int() })),
  groups: z.object({
    team: z.array(breakdownGroupSchema),
    category: z.array(breakdownGroupSchema),
    scheme: z.array(breakdownGroupSchema),
    paymentMethod: z.array(breakdownGroupSchema),
  }),
});
export type Breakdown = z.infer<typeof breakdownSchema>;

export function useBreakdown(period: string) {
  return useApiData(`/api/periods/${encodeURIComponent(period)}/breakdown`, breakdownSchema);
}
