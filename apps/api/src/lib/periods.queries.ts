import { eq, sql, type SQL } from "drizzle-orm";
import type { Executor, Tx } from "@greentape/db/client";
import { periods } from "@greentape/db/schema";

// What every module that books into a month or reads one needs of the periods table. The periods
// module closes months with exports and ledger codes, so this lives with none of them.

export type PeriodRow = typeof periods.$inferSelect;

/**
 * Whether spend row `s` counts in the period it is booked in: not voided, or voided only after that
 * period closed (the void then booked a reversal row `r` into a later period instead). The period
 * figures and the export rows share this one definition, so they always agree.
 */
export function countedInBookedPeriod(spendId: SQL, voidedAt: SQL): SQL {
  return sql`(${voidedAt} is null or exists (select 1 from reversals r where r.spend_id = ${spendId}))`;
}

/** countedInBookedPeriod for a spend row aliased `s`. */
export const countsInBookedPeriod = countedInBookedPeriod(sql`s.id`, sql`s.voided_at`);

/** A timestamp as ISO 8601 UTC text with milliseconds, whatever the session's time zone. */
export function isoUtc(column: SQL): SQL {
  return sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A date as YYYY-MM-DD whatever the session's DateStyle, so the same rows always give the same bytes. */
export function isoDate(column: SQL): SQL {
  return sql`to_char(${column}, 'YYYY-MM-DD')`;
}

/** A period's row must exist before it can be held: made open if new. */
export async function ensurePeriod(db: Executor, period: string): Promise<void> {
  await db.insert(periods).values({ period }).onConflictDoNothing();
}

/**
 * Holds the period's row FOR SHARE while a spend (or a reversal) is booked into it and answers its
 * status. Closing takes the same row FOR UPDATE, so a close and a booking never interleave: the
 * close waits for bookings in flight, and a booking that arrives during a close waits, then sees
 * "closed" and moves on to the next period. A row must exist to be locked, so it is made if new.
 */
export async function lockPeriodForBooking(tx: Tx, period: string): Promise<PeriodRow["status"]> {
  await ensurePeriod(tx, period);
  const [row] = await tx.select({ status: periods.status }).from(periods).where(eq(periods.period, period)).for("share");
  if (!row) throw new Error(`period ${period} vanished while being locked`);
  return row.status;
}

export async function findPeriod(db: Executor, period: string): Promise<PeriodRow | undefined> {
  const [row] = await db.select().from(periods).where(eq(periods.period, period));
  return row;
}
