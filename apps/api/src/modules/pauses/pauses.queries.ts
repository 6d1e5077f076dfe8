import { and, asc, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { schemeVersions, snoozes, spends, users } from "@greentape/db/schema";
import { TEAM_ROLES } from "@greentape/domain/roles";
import { OWED_JUSTIFICATION_STATES } from "@greentape/domain/tracks";

const schemeVersionOfSpend = and(eq(schemeVersions.schemeId, spends.schemeId), eq(schemeVersions.version, spends.schemeVersion));

/** A live spend whose justification is still owed (due or queried) past its scheme version's grace days. */
function owedPastGrace(today: string) {
  return and(
    isNull(spends.voidedAt),
    inArray(spends.justificationStatus, [...OWED_JUSTIFICATION_STATES]),
    sql`${spends.justificationDueOn} + ${schemeVersions.graceDays} < ${today}::date`,
  );
}

/**
 * The worker's live spends whose justification is still owed (due or queried) and overdue by more
 * than their scheme version's grace days: what pauses their green light.
 */
export async function spendsOverduePastGrace(db: Executor, workerId: string, today: string) {
  return db
    .select({
      id: spends.id,
      amount: spends.amount,
      currency: spends.currency,
      payee: spends.payee,
      spentOn: spends.spentOn,
      justificationStatus: spends.justificationStatus,
      justificationDueOn: spends.justificationDueOn,
      graceDays: schemeVersions.graceDays,
    })
    .from(spends)
    .innerJoin(schemeVersions, schemeVersionOfSpend)
    .where(and(eq(spends.workerId, workerId), owedPastGrace(today)))
    .orderBy(asc(spends.justificationDueOn));
}

export async function latestSnooze(db: Executor, workerId: string) {
  const [row] = await db.select().from(snoozes).where(eq(snoozes.workerId, workerId)).orderBy(desc(snoozes.createdAt)).limit(1);
  return row;
}

export async function snoozesSince(db: Executor, workerId: string, since: Date) {
  return db.select().from(snoozes).where(and(eq(snoozes.workerId, workerId), gte(snoozes.createdAt, since)));
}

export async function insertSnooze(db: Executor, row: typeof snoozes.$inferInsert) {
  const [created] = await db.insert(snoozes).values(row).returning();
  if (!created) throw new Error("snooze insert returned nothing");
  return created;
}

/**
 * The team's active members who log spends (workers and supervisors) and owe a justification past
 * its grace: the only ones who can be paused, or held off a pause by a snooze. By name.
 */
export async function membersOwingPastGrace(db: Executor, teamId: string, today: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(spends, eq(spends.workerId, users.id))
    .innerJoin(schemeVersions, schemeVersionOfSpend)
    .where(and(eq(users.teamId, teamId), eq(users.active, true), inArray(users.role, [...TEAM_ROLES]), owedPastGrace(today)))
    .orderBy(asc(users.name), asc(users.id));
}
