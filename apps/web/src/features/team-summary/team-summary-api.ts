import { snoozeSchema, teamPausesSchema } from "@greentape/contract/pauses";
import { teamSummarySchema } from "@greentape/contract/worklists";
import { apiPost } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

/** Spend against budget, overdue work and how clients said it went (`GET /api/worklists/team-summary`). */
export function useTeamSummary(period: string | null) {
  const query = period ? `?period=${encodeURIComponent(period)}` : "";
  return useApiData(`/api/worklists/team-summary${query}`, teamSummarySchema);
}

/** Team members whose new spends are paused now, or whose pause a snooze holds off (`GET /api/pauses`). */
export function useTeamPauses() {
  return useApiData("/api/pauses", teamPausesSchema);
}

/** Lifts a worker's pause for some days, with a reason (`POST /api/users/:id/snooze`). */
export async function snoozePause(workerId: string, input: { days: number; reason: string }) {
  return snoozeSchema.parse(await apiPost<unknown>(`/api/users/${encodeURIComponent(workerId)}/snooze`, input));
}
