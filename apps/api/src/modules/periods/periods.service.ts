import type { PeriodDetail, PeriodView } from "@greentape/contract/periods";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { periodOf, todayIn } from "@greentape/domain/dates";
import { ConflictError, ForbiddenError, ValidationError } from "@greentape/domain/errors";
import { canClosePeriod } from "@greentape/domain/permissions";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import type { ExportsService } from "../exports/index.ts";
import { unmappedCategories } from "../ledger-codes/index.ts";
import type { LogService } from "../log/index.ts";
import { lockPeriodForClose, markClosed, periodFigures, type PeriodFigures } from "./periods.queries.ts";

function toView(f: PeriodFigures): PeriodView {
  return { ...f, closedAt: f.closedAt?.toISOString() ?? null };
}

/** A month nothing was booked in is still a month: open and empty. */
function emptyPeriod(period: string): PeriodView {
  return { period, status: "open", count: 0, total: 0, unjustifiedCount: 0, liveUnjustifiedCount: 0, closedAt: null, closedBy: null, closedByName: null, exportSha256: null, logCheckpoint: null };
}

export function createPeriodsService(deps: {
  db: Db;
  clock: Clock;
  config: Pick<Config, "timeZone">;
  exports: Pick<ExportsService, "freezeForClose">;
  log: Pick<LogService, "checkpoint">;
}) {
  const { db, clock, config, exports, log } = deps;

  async function get(period: string): Promise<PeriodDetail> {
    const [figures] = await periodFigures(db, period);
    const view = figures ? toView(figures) : emptyPeriod(period);
    return { ...view, unmappedCategories: view.status === "closed" ? [] : await unmappedCategories(db, period) };
  }

  return {
    async list(): Promise<PeriodView[]> {
      return (await periodFigures(db)).map(toView);
    },

    get,

    /**
     * Closes a month for good. The period row is held FOR UPDATE for the whole transaction, so no
     * spend or reversal can be booked into it meanwhile (bookings hold it FOR SHARE); the figures,
     * the CSV's sha256 and the closed status are all written from that one locked view.
     * Any month that has begun may close, the current one included; a future one may not.
     */
    async close(actor: Actor, period: string, confirmation: { expectedUnjustified?: number | undefined }): Promise<PeriodDetail> {
      if (!canClosePeriod(actor)) throw new ForbiddenError("Only finance closes a period.");
      const now = clock.now();
      const current = periodOf(todayIn(config.timeZone, now));
      if (period > current) throw ValidationError.field("period", `${period} has not begun yet; a month can be closed from its first day (this month is ${current})`);

      await db.transaction(async (tx) => {
        const row = await lockPeriodForClose(tx, period);
        if (row.status === "closed") {
          throw new ConflictError("period-closed", "Period already closed", `${period} was closed on ${row.closedAt?.toISOString() ?? "an earlier date"}. A closed period is never reopened.`);
        }
        const [figures] = await periodFigures(tx, period);
        if (!figures) throw new Error(`period ${period} has a row but no figures`);
        const { expectedUnjustified } = confirmation;
        if (expectedUnjustified !== undefined && expectedUnjustified !== figures.unjustifiedCount) {
          throw new ConflictError(
            "unjustified-count-changed",
            "The number of unjustified spends has changed",
            `You confirmed ${expectedUnjustified} unjustified spends, but there are now ${figures.unjustifiedCount}. Check again and confirm.`,
            { unjustifiedCount: figures.unjustifiedCount },
          );
        }
        const digest = await exports.freezeForClose(tx, period);
        // Two independent sums of the same rows; if they ever disagree, nothing is closed.
        if (digest.count !== figures.count || digest.total !== figures.total) {
          throw new Error(`period ${period}: export rows (${digest.count}, ${digest.total}) disagree with its figures (${figures.count}, ${figures.total})`);
        }
        // The checkpoint current at close; the close's own event is sealed in the next one.
        const logCheckpoint = await log.checkpoint(tx);
        await markClosed(tx, period, { closedAt: now, closedBy: actor.id, spendCount: figures.count, total: figures.total, unjustifiedCount: figures.unjustifiedCount, exportSha256: digest.sha256, logCheckpoint });
        await appendEvent(
          tx,
          {
            type: "period.closed",
            actorId: actor.id,
            subjectType: "period",
            subjectId: period,
            data: { count: figures.count, total: figures.total, unjustifiedCount: figures.unjustifiedCount, exportSha256: digest.sha256 },
          },
          now,
        );
      });
      return get(period);
    },
  };
}

export type PeriodsService = ReturnType<typeof createPeriodsService>;
