import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { notificationPreferences, notifications, notificationsSent, pushSubscriptions, refreshTokens, schemeVersions, spends, users } from "@greentape/db/schema";
import { PAUSE_MESSAGES } from "@greentape/domain/outbound-messages";
import { OWED_JUSTIFICATION_STATES } from "@greentape/domain/tracks";
import type { NotificationKind } from "@greentape/domain/notification-kinds";

const owed = inArray(spends.justificationStatus, [...OWED_JUSTIFICATION_STATES]);

/**
 * Live spends with a justification owed or a follow-up pending whose due day falls between two
 * days: everything a deadline reminder can be about. Only what a message may carry, and the grace.
 */
export async function spendsWithDeadlines(db: Executor, from: string, to: string) {
  return db
    .select({
      id: spends.id,
      workerId: spends.workerId,
      amount: spends.amount,
      currency: spends.currency,
      spentOn: spends.spentOn,
      justificationOwed: sql<boolean>`${owed}`,
      justificationDueOn: spends.justificationDueOn,
      followUpPending: sql<boolean>`${spends.followUpStatus} = 'pending'`,
      followUpDueOn: spends.followUpDueOn,
      graceDays: schemeVersions.graceDays,
    })
    .from(spends)
    .innerJoin(schemeVersions, and(eq(schemeVersions.schemeId, spends.schemeId), eq(schemeVersions.version, spends.schemeVersion)))
    .where(
      and(
        isNull(spends.voidedAt),
        or(and(owed, gte(spends.justificationDueOn, from), lte(spends.justificationDueOn, to)), and(eq(spends.followUpStatus, "pending"), gte(spends.followUpDueOn, from), lte(spends.followUpDueOn, to))),
      ),
    )
    .orderBy(asc(spends.justificationDueOn), asc(spends.id));
}

/** In-app notices since a moment that also go out by email and push, with the spend's amount and day. */
export async function noticesSince(db: Executor, since: Date, kinds: NotificationKind[]) {
  return db
    .select({ id: notifications.id, userId: notifications.userId, kind: notifications.kind, createdAt: notifications.createdAt, spendId: spends.id, amount: spends.amount, currency: spends.currency, spentOn: spends.spentOn })
    .from(notifications)
    .leftJoin(spends, eq(spends.id, notifications.spendId))
    .where(and(gte(notifications.createdAt, since), inArray(notifications.kind, kinds)))
    .orderBy(asc(notifications.createdAt), asc(notifications.id));
}

export async function activeUsersWithRole(db: Executor, role: "auditor" | "supervisor") {
  return db.select({ id: users.id, teamId: users.teamId }).from(users).where(and(eq(users.role, role), eq(users.active, true)));
}

/** Each team's justifications waiting for review, and who owes one past its day or past its grace. */
export async function teamDigest(db: Executor, teamId: string, today: string) {
  const [waiting] = await db.select({ n: sql<number>`count(*)::int` }).from(spends).where(and(eq(spends.teamId, teamId), isNull(spends.voidedAt), eq(spends.justificationStatus, "submitted")));
  const late = await db
    .selectDistinct({ name: users.name, paused: sql<boolean>`bool_or(${spends.justificationDueOn} + ${schemeVersions.graceDays} < ${today}::date)` })
    .from(spends)
    .innerJoin(users, eq(users.id, spends.workerId))
    .innerJoin(schemeVersions, and(eq(schemeVersions.schemeId, spends.schemeId), eq(schemeVersions.version, spends.schemeVersion)))
    .where(and(eq(spends.teamId, teamId), isNull(spends.voidedAt), owed, sql`${spends.justificationDueOn} < ${today}::date`))
    .groupBy(users.name)
    .orderBy(asc(users.name));
  return { waitingForReview: waiting?.n ?? 0, overdue: late.map((r) => r.name), paused: late.filter((r) => r.paused).map((r) => r.name) };
}

type SentKey = Pick<typeof notificationsSent.$inferInsert, "userId" | "kind" | "subjectId" | "dueAt">;
const sameKey = (key: SentKey) =>
  and(eq(notificationsSent.userId, key.userId), eq(notificationsSent.kind, key.kind), eq(notificationsSent.subjectId, key.subjectId), eq(notificationsSent.dueAt, key.dueAt));

/** The ways a message has already gone (none when it has not been sent at all). */
export async function sentChannels(db: Executor, key: SentKey): Promise<string[]> {
  const [row] = await db.select({ channels: notificationsSent.channels }).from(notificationsSent).where(sameKey(key));
  return row?.channels ?? [];
}

/**
 * Claims one way of sending a message (email, push): true for exactly one caller however many
 * instances try at once. The key's row is made first if need be; the claim is one atomic update.
 */
export async function claimChannel(db: Executor, key: SentKey, channel: string, at: Date): Promise<boolean> {
  await db.insert(notificationsSent).values({ ...key, createdAt: at }).onConflictDoNothing();
  const rows = await db
    .update(notificationsSent)
    .set({ channels: sql`array_append(${notificationsSent.channels}, ${channel})` })
    .where(and(sameKey(key), sql`not (${channel} = any(${notificationsSent.channels}))`))
    .returning({ id: notificationsSent.id });
  return rows.length > 0;
}

/** The pause messages already sent to a worker, to pair a beginning with its end. */
export async function pauseMessages(db: Executor, userId: string) {
  return db
    .select({ kind: notificationsSent.kind, subjectId: notificationsSent.subjectId, dueAt: notificationsSent.dueAt })
    .from(notificationsSent)
    .where(and(eq(notificationsSent.userId, userId), inArray(notificationsSent.kind, [...PAUSE_MESSAGES])));
}

/** Workers told of a pause that began since a moment: its end may be due, or one of its messages not yet pushed. */
export async function workersToldOfPauseSince(db: Executor, since: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: notificationsSent.userId })
    .from(notificationsSent)
    .where(and(eq(notificationsSent.kind, "pause_began"), gte(notificationsSent.dueAt, since)));
  return rows.map((r) => r.userId);
}

export async function findRecipient(db: Executor, userId: string) {
  const [row] = await db.select({ id: users.id, email: users.email, active: users.active }).from(users).where(eq(users.id, userId));
  return row;
}

export async function findPreferences(db: Executor, userId: string) {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row;
}

export async function savePreferences(db: Executor, row: typeof notificationPreferences.$inferInsert) {
  const { userId: _user, ...changes } = row;
  await db.insert(notificationPreferences).values(row).onConflictDoUpdate({ target: notificationPreferences.userId, set: changes });
}

/** A device's subscription belongs to whoever subscribed it last, in the session they did it in. */
export async function saveSubscription(db: Executor, row: typeof pushSubscriptions.$inferInsert) {
  await db
    .insert(pushSubscriptions)
    .values(row)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId: row.userId, sessionId: row.sessionId, p256dh: row.p256dh, auth: row.auth, createdAt: row.createdAt } });
}

export async function deleteSubscription(db: Executor, endpoint: string, userId?: string): Promise<number> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(userId ? and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.userId, userId)) : eq(pushSubscriptions.endpoint, endpoint))
    .returning({ id: pushSubscriptions.id });
  return rows.length;
}

/**
 * The person's devices whose session has not been ended: a signed-out phone hears nothing. A
 * session merely idle past its refresh expiry still counts: reaching someone who has not opened
 * the app for days is the point.
 */
export async function liveSubscriptions(db: Executor, userId: string) {
  return db
    .select({ endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushSubscriptions)
    .where(
      and(
        eq(pushSubscriptions.userId, userId),
        sql`exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${pushSubscriptions.sessionId} and ${isNull(refreshTokens.revokedAt)})`,
      ),
    );
}

/** Subscriptions of sessions that have ended (signed out, or every session ended by a new password): removed. */
export async function deleteEndedSubscriptions(db: Executor): Promise<void> {
  await db.delete(pushSubscriptions).where(sql`not exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${pushSubscriptions.sessionId} and ${isNull(refreshTokens.revokedAt)})`);
}
