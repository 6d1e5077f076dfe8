// Admin: schemes, their versions, creating one and changing one (which makes version N+1).
import { z } from "zod";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";
import type { SchemePayload } from "./scheme-form.ts";

const cap = z.number().int().nullable();

const schemeSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  currency: z.string().default("GBP"),
  categories: z.array(z.string()),
  perSpendCap: cap,
  perClientCap: cap,
  perClientWindowDays: z.number().int(),
  perWorkerMonthlyCap: cap,
  teamMonthlyBudget: cap,
  justificationDueDays: z.number().int(),
  followUpDueDays: z.number().int(),
  graceDays: z.number().int().default(7),
  teamIds: z.array(z.string()).nullable().default(null),
  auditSettings: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.string().optional(),
});
export type Scheme = z.infer<typeof schemeSchema>;

const schemeWithVersionsSchema = schemeSchema.extend({ versions: z.array(z.number().int()).default([]) });
export type SchemeWithVersions = z.infer<typeof schemeWithVersionsSchema>;

const listOf = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.object({ items: z.array(item) }).transform((answer) => answer.items)]);

const schemeListSchema = listOf(schemeSchema);
const teamSchema = z.object({ id: z.string(), name: z.string() });
export type TeamOption = z.infer<typeof teamSchema>;
const teamListSchema = listOf(teamSchema);

export function useSchemes() {
  return useApiData("/api/schemes", schemeListSchema);
}

/** A scheme as it is now, or as it was at `version`. */
export function useScheme(id: string, version?: number) {
  const query = version === undefined ? "" : `?version=${version}`;
  return useApiData(`/api/schemes/${encodeURIComponent(id)}${query}`, schemeWithVersionsSchema);
}

export function useTeamOptions() {
  return useApiData("/api/teams", teamListSchema);
}

type SchemeBody = SchemePayload & { auditSettings?: Record<string, unknown> };

export async function createScheme(body: SchemeBody): Promise<Scheme> {
  return schemeSchema.parse(await apiPost<unknown>("/api/schemes", body));
}

export async function updateScheme(id: string, body: SchemeBody): Promise<Scheme> {
  return schemeSchema.parse(await apiPut<unknown>(`/api/schemes/${encodeURIComponent(id)}`, body));
}
