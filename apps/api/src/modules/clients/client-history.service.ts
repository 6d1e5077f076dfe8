import type { Db } from "@greentape/db/client";
import { todayIn } from "@greentape/domain/dates";
import type { FollowUpOutcome } from "@greentape/domain/workflow-input";
import { NotFoundError } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { toSpendView } from "../spends/index.ts";
import { clientHistory, findClient } from "./clients.queries.ts";

/**
 * A client's page: every spend for them across workers, with the reasons and the outcomes, so a
 * supervisor or an auditor can see dependence or unfairness. Workers see only their own spends.
 */
export function createClientHistoryService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone"> }) {
  const { db, clock, config } = deps;
  return {
    async forClient(actor: Actor, clientId: string) {
      const client = await findClient(db, clientId);
      const mayRead = actor.role === "auditor" || actor.role === "admin" || (actor.role === "supervisor" && client?.teamId === actor.teamId);
      if (!client || !mayRead) throw new NotFoundError("Client");
      const today = todayIn(config.timeZone, clock.now());
      const rows = await clientHistory(db, clientId);
      const live = rows.filter((r) => r.spend.voidedAt === null);
      const byWorker = new Map<string, { workerId: string; name: string; count: number; amount: number }>();
      const outcomes: Partial<Record<FollowUpOutcome, number>> = {};
      for (const r of live) {
        const entry = byWorker.get(r.spend.workerId) ?? { workerId: r.spend.workerId, name: r.workerName, count: 0, amount: 0 };
        entry.count += 1;
        entry.amount += r.spend.amount;
        byWorker.set(r.spend.workerId, entry);
        if (r.outcome) outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
      }
      return {
        client: { id: client.id, reference: client.reference, displayName: client.displayName, teamId: client.teamId },
        summary: { count: live.length, amount: live.reduce((sum, r) => sum + r.spend.amount, 0), byWorker: [...byWorker.values()], outcomes },
        spends: rows.map((r) => ({
          ...toSpendView(r.spend, today),
          workerName: r.workerName,
          justification: r.narrative === null ? null : { narrative: r.narrative, intendedOutcome: r.intendedOutcome ?? "" },
          followUp: r.outcome === null ? null : { outcome: r.outcome, clientView: r.clientView, contactedOn: r.contactedOn ?? "" },
        })),
      };
    },
  };
}

export type ClientHistoryService = ReturnType<typeof createClientHistoryService>;
