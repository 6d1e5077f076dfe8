import type { Db } from "@greentape/db/client";
import { todayIn } from "@greentape/domain/dates";
import { ForbiddenError, NotFoundError } from "@greentape/domain/errors";
import { canSeeTrackRecord } from "@greentape/domain/permissions";
import { countOutcomes, onTimeRate } from "@greentape/domain/track-record";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { findUserById } from "../users/index.ts";
import { spendTimesOf } from "./track-record.queries.ts";

export function createTrackRecordService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone"> }) {
  const { db, clock, config } = deps;
  const councilDate = (at: Date) => todayIn(config.timeZone, at);

  return {
    /** Shown to the worker and to a supervisor of their team; nobody else, and never as a league table. */
    async forWorker(actor: Actor, workerId: string) {
      const worker = await findUserById(db, workerId);
      if (!worker) throw new NotFoundError("Worker");
      if (!canSeeTrackRecord(actor, worker)) throw new ForbiddenError("A track record is shown only to the worker and their supervisor.");
      const rows = await spendTimesOf(db, workerId);
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
