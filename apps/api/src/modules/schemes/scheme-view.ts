import type { SchemeView } from "@greentape/contract/schemes";
import type { SchemeVersionRow } from "./schemes.queries.ts";

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
