import { eq, sql, type SQL } from "drizzle-orm";
import type { Executor, Tx } from "@greentape/db/client";
import { periods } from "@greentape/db/schema";
import { countsInBookedPeriod, ensurePeriod, isoUtc, type PeriodRow } from "../../lib/periods.queries.ts";

/** The period's row, made if new, locked FOR UPDATE until the closing transaction ends. */
export async function lockPeriodForClose(tx: Tx, period: string): Promise<PeriodRow> {
  await ensurePeriod(tx, period);
  const [row] = await tx.select().from(periods).where(eq(periods.period, period)).for("update");
  if (!row) throw new Error(`period ${period} vanished while being locked`);
  return row;
}

export async function markClosed(
  tx: Tx,
  period: string,
  closed: { closedAt: Date; closedBy: string; spendCount: number; total: number; unjustifiedCount: number; exportSha256: string; logCheckpoint: string | null },
) {
  await tx
    .update(periods)
    .set({ status: "closed", ...closed })
    .where(eq(periods.period, period));
}

export interface PeriodFigures {
  period: string;
  status: PeriodRow["status"];
  closedAt: Date | null;
  closedBy: string | null;
  closedByName: string | null;
  exportSha256: string | null;
  /** The log's signed checkpoint current at close. */
  logCheckpoint: string | null;
  /** Spends that count in the period; for a closed period, as recorded at close. */
  count: number;
  /** Net: counted spends plus reversals booked in the period, in minor units. */
  total: number;
  /**
   * Not voided, and the justification still the worker's to write (due or queried): for a closed
   * period, as the close showed it.
   */
  unjustifiedCount: number;
  /** The same count as it is now, whatever the period's status: justifications and voids go on after a close. */
  liveUnjustifiedCount: number;
}

type FiguresRow = {
  period: string;
  status: string | null;
  closed_at: string | null;
  closed_by: string | null;
  closed_by_name: string | null;
  export_sha256: string | null;
  log_checkpoint: string | null;
  spend_count: string | number | null;
  closed_total: string | number | null;
  closed_unjustified: number | null;
  live_count: string | number;
  live_total: string | number;
  unjustified: string | number;
};

/**
 * Figures for one period, or for every period that has anything booked in it or a row (closed
 * ones included), newest first. A closed period shows what was recorded when it closed.
 */
export async function periodFigures(db: Executor, only?: string): Promise<PeriodFigures[]> {
  const onlyThis = (column: SQL) => (only === undefined ? sql`` : sql`where ${column} = ${only}`);
  const result = (await db.execute(sql`
    with spend_figures as (
      select s.booked_period as period,
        count(*) filter (where ${countsInBookedPeriod}) as count,
        coalesce(sum(s.amount) filter (where ${countsInBookedPeriod}), 0) as total,
        count(*) filter (where s.voided_at is null and s.justification_status in ('due', 'queried')) as unjustified
      from spends s ${onlyThis(sql`s.booked_period`)}
      group by s.booked_period
    ),
    reversal_figures as (
      select booked_period as period, sum(amount) as total from reversals ${onlyThis(sql`booked_period`)} group by booked_period
    ),
    known as (
      select period from periods ${onlyThis(sql`period`)}
      union select period from spend_figures
      union select period from reversal_figures
    )
    select k.period, p.status, ${isoUtc(sql`p.closed_at`)} as closed_at, p.closed_by, u.name as closed_by_name, p.export_sha256, p.log_checkpoint,
      p.spend_count, p.total as closed_total, p.unjustified_count as closed_unjustified,
      coalesce(sf.count, 0) as live_count,
      (coalesce(sf.total, 0) + coalesce(rf.total, 0))::text as live_total,
      coalesce(sf.unjustified, 0) as unjustified
    from known k
    left join periods p on p.period = k.period
    left join users u on u.id = p.closed_by
    left join spend_figures sf on sf.period = k.period
    left join reversal_figures rf on rf.period = k.period
    order by k.period desc
  `)) as unknown as { rows: FiguresRow[] };
  return result.rows.map((r) => {
    const closed = r.status === "closed";
    return {
      period: r.period,
      status: closed ? "closed" : "open",
      closedAt: r.closed_at === null ? null : new Date(r.closed_at),
      closedBy: r.closed_by,
      closedByName: r.closed_by_name,
      exportSha256: r.export_sha256,
      logCheckpoint: r.log_checkpoint,
      count: Number(closed ? r.spend_count : r.live_count),
      total: Number(closed ? r.closed_total : r.live_total),
      unjustifiedCount: Number(closed && r.closed_unjustified !== null ? r.closed_unjustified : r.unjustified),
      liveUnjustifiedCount: Number(r.unjustified),
    };
  });
}
