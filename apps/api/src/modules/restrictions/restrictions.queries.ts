import { and, asc, desc, eq, gte, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { restrictions } from "@greentape/db/schema";

export type RestrictionRow = typeof restrictions.$inferSelect;

/** The person's restrictions not lifted and not past their last day: one indexed read on the spend path. */
export async function restrictionsInForce(db: Executor, userId: string, today: string): Promise<RestrictionRow[]> {
  return db
    .select()
    .from(restrictions)
    .where(and(eq(restrictions.userId, userId), isNull(restrictions.liftedAt), or(isNull(restrictions.untilOn), gte(restrictions.untilOn, today))));
}

/** The restrictions in force on any of these people, oldest first: a team list's one read. */
export async function restrictionsInForceOf(db: Executor, userIds: readonly string[], today: string): Promise<RestrictionRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(restrictions)
    .where(and(inArray(restrictions.userId, [...userIds]), isNull(restrictions.liftedAt), or(isNull(restrictions.untilOn), gte(restrictions.untilOn, today))))
    .orderBy(asc(restrictions.createdAt), asc(restrictions.id));
}

/** Every restriction of the person, newest first. */
export async function restrictionsOf(db: Executor, userId: string): Promise<RestrictionRow[]> {
  return db.select().from(restrictions).where(eq(restrictions.userId, userId)).orderBy(desc(restrictions.createdAt), desc(restrictions.id));
}

export async function insertRestriction(db: Executor, row: typeof restrictions.$inferInsert): Promise<RestrictionRow> {
  const [created] = await db.insert(restrictions).values(row).returning();
  if (!created) throw new Error("restriction insert returned nothing");
  return created;
}

export async function lockRestriction(db: Executor, userId: string, id: string): Promise<RestrictionRow | undefined> {
  const [row] = await db.select().from(restrictions).where(and(eq(restrictions.id, id), eq(restrictions.userId, userId))).for("update");
  return row;
}

export async function markLifted(db: Executor, id: string, lift: { by: string; at: Date; reason: string }): Promise<RestrictionRow> {
  const [row] = await db.update(restrictions).set({ liftedAt: lift.at, liftedBy: lift.by, liftReason: lift.reason }).where(eq(restrictions.id, id)).returning();
  if (!row) throw new Error("restriction update returned nothing");
  return row;
}
