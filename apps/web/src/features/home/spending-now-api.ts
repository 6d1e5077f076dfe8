// What a worker's home page shows first: whether they may spend, how much is left this month
// under each scheme, and what they owe. Schemes come from the phone when there is no signal.
import { type PauseState, pauseStateSchema } from "@greentape/contract/pauses";
import type { Allowance } from "@greentape/contract/allowance";
import type { Todo } from "@greentape/contract/worklists";
import { apiGet } from "../../lib/api-client.ts";
import { useLoad } from "../../lib/use-api-data.ts";
import { fetchAllowance, fetchReferenceData } from "../../lib/spend-reference-api.ts";
import { fetchTodo } from "../../lib/todo-api.ts";

export interface SpendingNow {
  pause: PauseState;
  allowances: Allowance[];
  todo: Todo;
}

async function fetchSpendingNow(userId: string, teamId: string | null, signal: AbortSignal): Promise<SpendingNow> {
  const [pause, todo, reference] = await Promise.all([
    apiGet<unknown>("/api/me/pause", { signal }).then((a) => pauseStateSchema.parse(a)),
    fetchTodo(signal),
    fetchReferenceData(userId, teamId, signal),
  ]);
  const allowances = await Promise.all(reference.schemes.map((scheme) => fetchAllowance(scheme.id, null, signal)));
  return { pause, allowances, todo };
}

export function useSpendingNow(userId: string, teamId: string | null) {
  return useLoad(`spending-now:${userId}`, (signal) => fetchSpendingNow(userId, teamId, signal));
}

/**
 * What the worker can still spend this month under a scheme: the smaller of their own monthly
 * allowance (lowered by any restriction on them) and the team's budget left (null when neither is
 * capped); nothing while they are suspended. Per-spend and per-client
 * caps depend on the spend, so the log-a-spend form shows those.
 */
export function leftThisMonth(allowance: Allowance): number | null {
  if (allowance.suspended) return 0;
  const remaining = [allowance.caps.perWorkerMonthly.remaining, allowance.caps.teamMonthly.remaining].filter((r): r is number => r !== null);
  return remaining.length === 0 ? null : Math.max(0, Math.min(...remaining));
}
