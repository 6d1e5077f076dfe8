import { and, count, desc, eq, gte, inArray, isNull, lt, lte, ne, or, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { notifications, spends, users } from "@greentape/db/schema";
import { OWED_JUSTIFICATION_STATES } from "@greentape/domain/tracks";

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

export async function insertNotifications(db: Executor, rows: NewNotification[]) {
  if (rows.length === 0) return;
  await db.insert(notifications).values(rows);
}

/** A reminder carries a dedupe key: raising it again (even concurrently) is a no-op. */
export async function insertOnce(db: Executor, rows: NewNotification[]) {
  if (rows.length === 0) return;
  await db.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey });
}

/** Active supervisors of a team, except one person (a supervisor is never told about their own spend). */
export async function teamSupervisorIds(db: Executor, teamId: string, except: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "supervisor"), eq(users.teamId, teamId), eq(users.active, true), ne(users.id, except)));
  return rows.map((r) => r.id);
}

/** A worker's live spends whose justification is still theirs to write and falls due between two days. */
export async function justificationsFallingDue(db: Executor, workerId: string, from: string, to: string) {
  return db
    .select()
    .from(spends)
    .where(
      and(
        eq(spends.workerId, workerId),
        isNull(spends.voidedAt),
        inArray(spends.justificationStatus, [...OWED_JUSTIFICATION_STATES]),
        gte(spends.justificationDueOn, from),
        lte(spends.justificationDueOn, to),
      ),
    );
}

/** Newest first; the cursor is the last row's (createdAt, id). */
export async function listForUser(db: Executor, userId: string, page: { after?: { createdAt: string; id: string } | undefined; limit: number }) {
  const conditions: SQL[] = [eq(notifications.userId, userId)];
  if (page.after) {
    const at = new Date(page.after.createdAt);
    conditions.push(or(lt(notifications.createdAt, at), and(eq(notifications.createdAt, at), lt(notifications.id, page.after.id))) as SQL);
  }
  return db
    .select()
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(page.limit + 1);
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's own notifications read (keeping the first read time); undefined if it is not theirs. */
export async function markRead(db: Executor, userId: string, id: string, at: Date): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning();
  if (row) return row;
  const [existing] = await db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  return existing;
}

export async function markAllRead(db: Executor, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
