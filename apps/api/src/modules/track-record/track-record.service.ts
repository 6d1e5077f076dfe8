import { and, eq, isNull, min } from "drizzle-orm";
import type { Db } from "@greentape/db/client";
import { followUps, justificationRevisions, spends } from "@greentape/db/schema";
import { todayIn } from "@greentape/domain/dates";
import { ForbiddenError, NotFoundError } from "@greentape/domain/errors";
import { countOutcomes, onTimeRate } from "@greentape/domain/track-record";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { findUserById } from "../users/index.ts";

export function createTrackRecordService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone"> }) {
  const { db, clock, config } = deps;
  const councilDate = (at: Date) => todayIn(config.timeZone, at);

  return {
    /** Shown to the worker and to a supervisor of their team; nobody else, and never as a league table. */
    async forWorker(actor: Actor, workerId: string) {
      const worker = await findUserById(db, workerId);
      if (!worker) throw new NotFoundError("Worker");
      const isSelf = actor.id === worker.id;
      const isTheirSupervisor = actor.role === "supervisor" && actor.teamId !== null && actor.teamId === worker.teamId;
      if (!isSelf && !isTheirSupervisor) throw new ForbiddenError("A track record is shown only to the worker and their supervisor.");
      const rows = await db
        .select({
          justificationDueOn: spends.justificationDueOn,
          followUpDueOn: spends.followUpDueOn,
          firstJustifiedAt: min(justificationRevisions.createdAt),
          followedUpAt: min(followUps.createdAt),
          amount: spends.amount,
          outcome: min(followUps.outcome),
        })
        .from(spends)
        .leftJoin(justificationRevisions, eq(justificationRevisions.spendId, spends.id))
        .leftJoin(followUps, eq(followUps.spendId, spends.id))
        .where(and(eq(spends.workerId, workerId), isNull(spends.voidedAt)))
        .groupBy(spends.id);
      const today = councilDate(clock.now());
      const doneOn = (at: Date | string | null) => (at === null ? null : councilDate(new Date(at)));
      return {
        workerId,
        name: worker.name,
        today,
        justifications: onTimeRate(rows.map((r) => ({ dueOn: r.justificationDueOn, doneOn: doneOn(r.firstJustifiedAt) })), today),
        followUps: onTimeRate(rows.map((r) => ({ dueOn: r.followUpDueOn, doneOn: doneOn(r.followedUpAt) })), today),
        spends: { count: rows.length, amount: rows.reduce((sum, r) => sum + r.amount, 0) },
        outcomes: countOutcomes(rows.map((r) => r.outcome)),
      };
    },
  };
}

export type TrackRecordService = ReturnType<typeof createTrackRecordService>;
