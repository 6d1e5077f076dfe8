import { z } from "zod";
import { apiPost } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const person = z.object({ id: z.string(), name: z.string() });

const overdueItem = z.object({
  need: z.string(),
  dueOn: z.string(),
  overdue: z.boolean(),
  spend: z.looseObject({
    id: z.string(),
    amount: z.number().int(),
    currency: z.string(),
    category: z.string(),
    payee: z.string(),
    spentOn: z.string(),
  }),
  worker: person,
});

const teamSummarySchema = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  today: z.string(),
  schemes: z.array(
    z.object({
      schemeId: z.string(),
      name: z.string(),
      currency: z.string(),
      teamMonthlyBudget: z.number().int().nullable(),
      spent: z.number().int(),
      remaining: z.number().int().nullable(),
      spendCount: z.number().int(),
    }),
  ),
  overdue: z.object({ justifications: z.number().int(), followUps: z.number().int(), items: z.array(overdueItem) }),
  outcomes: z.record(z.string(), z.number().int()),
});

export type TeamSummary = z.infer<typeof teamSummarySchema>;
export type OverdueItem = z.infer<typeof overdueItem>;

/** Spend against budget, overdue work and how clients said it went (`GET /api/worklists/team-summary`). */
export function useTeamSummary(period: string | null) {
  const query = period ? `?period=${encodeURIComponent(period)}` : "";
  return useApiData(`/api/worklists/team-summary${query}`, teamSummarySchema);
}

const memberPauseSchema = z.object({
  worker: person,
  paused: z.boolean(),
  overdueSpends: z.array(z.looseObject({ id: z.string() })),
  snoozedUntil: z.string().nullable(),
  snoozesInARow: z.number().int(),
});
const teamPausesSchema = z.object({ items: z.array(memberPauseSchema) });
export type MemberPause = z.infer<typeof memberPauseSchema>;

/** Team members whose new spends are paused now, or whose pause a snooze holds off (`GET /api/pauses`). */
export function useTeamPauses() {
  return useApiData("/api/pauses", teamPausesSchema);
}

const snoozeSchema = z.object({ id: z.string(), workerId: z.string(), untilOn: z.string(), reason: z.string() });

/** Lifts a worker's pause for some days, with a reason (`POST /api/users/:id/snooze`). */
export async function snoozePause(workerId: string, input: { days: number; reason: string }) {
  return snoozeSchema.parse(await apiPost<unknown>(`/api/users/${encodeURIComponent(workerId)}/snooze`, input));
}
