import { z } from "zod";
import type { SchemeVersionRow } from "./schemes.queries.ts";

export const schemeViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  currency: z.string(),
  categories: z.array(z.string()),
  perSpendCap: z.number().int().nullable(),
  perClientCap: z.number().int().nullable(),
  perClientWindowDays: z.number().int(),
  perWorkerMonthlyCap: z.number().int().nullable(),
  teamMonthlyBudget: z.number().int().nullable(),
  justificationDueDays: z.number().int(),
  followUpDueDays: z.number().int(),
  graceDays: z.number().int(),
  teamIds: z.array(z.string()).nullable(),
  auditSettings: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SchemeView = z.infer<typeof schemeViewSchema>;

export function toSchemeView(row: SchemeVersionRow): SchemeView {
  return {
    id: row.schemeId,
    version: row.version,
    name: row.name,
    currency: row.currency,
    categories: row.categories,
    perSpendCap: row.perSpendCap,
    perClientCap: row.perClientCap,
    perClientWindowDays: row.perClientWindowDays,
    perWorkerMonthlyCap: row.perWorkerMonthlyCap,
    teamMonthlyBudget: row.teamMonthlyBudget,
    justificationDueDays: row.justificationDueDays,
    followUpDueDays: row.followUpDueDays,
    graceDays: row.graceDays,
    teamIds: row.teamIds,
    auditSettings: row.auditSettings as Record<string, unknown>,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Whether a scheme version applies to a team (null teamIds: every team). */
export function appliesToTeam(row: Pick<SchemeVersionRow, "teamIds">, teamId: string | null): boolean {
  return row.teamIds === null || (teamId !== null && row.teamIds.includes(teamId));
}
