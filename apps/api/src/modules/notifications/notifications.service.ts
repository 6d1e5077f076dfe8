import type { Db, Tx } from "@greentape/db/client";
import type { spends } from "@greentape/db/schema";
import { addDays, todayIn } from "@greentape/domain/dates";
import { isDueSoon } from "@greentape/domain/deadlines";
import { NotFoundError } from "@greentape/domain/errors";
import { formatMoney } from "@greentape/domain/money";
import { canLogSpend } from "@greentape/domain/permissions";
import { describeRestriction, type RestrictionTerms } from "@greentape/domain/restrictions";
import type { CommentVisibility, ReviewDecision } from "@greentape/domain/workflow-input";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Actor } from "../../plugins/access.ts";
import * as q from "./notifications.queries.ts";
import { restrictionNotificationKind, reviewNotificationKind, type NotificationKind, type RestrictionChange } from "@greentape/domain/notification-kinds";

// The spend as stored, from its table: spends depends on this module (through restrictions), so
// this one may not import spends.
type SpendRow = typeof spends.$inferSelect;

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  spendId: string | null;
  message: string;
  createdAt: string;
  readAt: string | null;
}

function toView(row: q.NotificationRow): NotificationView {
  return { id: row.id, kind: row.kind, spendId: row.spendId, message: row.message, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null };
}

function describeSpend(spend: SpendRow): string {
  return `${formatMoney(spend.amount, spend.currency)} to ${spend.payee} on ${spend.spentOn}`;
}

const REVIEW_MESSAGES: Record<ReviewDecision, (reviewer: string, spend: string) => string> = {
  endorse: (reviewer, spend) => `${reviewer} endorsed your justification for ${spend}.`,
  query: (reviewer, spend) => `${reviewer} has a question about your justification for ${spend}. Answer it by revising your justification.`,
  concern: (reviewer, spend) => `${reviewer} raised a concern about your spend of ${spend}. It will go to audit.`,
};

/**
 * In-app notifications. The writers run inside the caller's transaction, so a notice exists only
 * if the change it announces committed. Reminders are raised lazily when the person reads their
 * notifications or to-do list, keyed so each is raised once: no background timer is needed.
 */
export function createNotificationsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone"> }) {
  const { db, clock, config } = deps;

  return {
    /** The team's supervisors (never the spend's own worker) hear that a justification is waiting. */
    async justificationArrived(tx: Tx, spend: SpendRow, revision: number) {
      const supervisors = await q.teamSupervisorIds(tx, spend.teamId, spend.workerId);
      const what = revision > 1 ? `A revised justification (revision ${revision})` : "A justification";
      await q.insertNotifications(
        tx,
        supervisors.map((userId) => ({ userId, kind: "justification.submitted", spendId: spend.id, message: `${what} is waiting for your review: ${describeSpend(spend)}.`, createdAt: clock.now() })),
      );
    },

    async reviewed(tx: Tx, spend: SpendRow, reviewer: Actor, decision: ReviewDecision) {
      await q.insertNotifications(tx, [
        { userId: spend.workerId, kind: reviewNotificationKind(decision), spendId: spend.id, message: REVIEW_MESSAGES[decision](reviewer.name, describeSpend(spend)), createdAt: clock.now() },
      ]);
    },

    /** The worker hears of comments they may read; a reviewer-only note never reaches them, not even as a notice. */
    async commented(tx: Tx, spend: SpendRow, author: Actor, visibility: CommentVisibility) {
      if (visibility !== "worker" || author.id === spend.workerId) return;
      await q.insertNotifications(tx, [
        { userId: spend.workerId, kind: "comment.added", spendId: spend.id, message: `${author.name} commented on your spend of ${describeSpend(spend)}.`, createdAt: clock.now() },
      ]);
    },

    /** The person hears at once, with the reason, when their freedom is restricted or given back. */
    async restrictionChanged(tx: Tx, userId: string, restriction: RestrictionTerms & { id: string }, by: Actor, change: RestrictionChange, liftReason?: string) {
      const what = describeRestriction(restriction);
      const message =
        change === "set"
          ? `${by.name} restricted your spending. ${what} Reason: ${restriction.reason}`
          : `${by.name} lifted a restriction on your spending, so it no longer applies (it said: ${what.charAt(0).toLowerCase()}${what.slice(1, -1)}). Reason: ${liftReason ?? ""}`;
      await q.insertNotifications(tx, [{ userId, kind: restrictionNotificationKind(change), spendId: null, message, createdAt: clock.now() }]);
    },

    /** The person hears that their second factor was removed, and by whom, in case it was not their asking. */
    async secondFactorReset(tx: Tx, userId: string, by: Actor) {
      await q.insertNotifications(tx, [
        {
          userId,
          kind: "mfa.reset",
          spendId: null,
          message: `${by.name} reset your second factor. Set up an authenticator app or a passkey again when you next sign in. If you did not ask for this, tell your administrator.`,
          createdAt: clock.now(),
        },
      ]);
    },

    /**
     * One warning per justification deadline, from 48 hours before it. Safe to call on every read
     * and from concurrent requests: the dedupe key makes a repeat a no-op. A new deadline (after a
     * query) is a new key, so it gets its own warning.
     */
    async raiseDueSoonWarnings(actor: Actor) {
      if (!canLogSpend(actor)) return;
      const now = clock.now();
      const today = todayIn(config.timeZone, now);
      // A generous day window in SQL; isDueSoon decides to the millisecond.
      const candidates = await q.justificationsFallingDue(db, actor.id, today, addDays(today, 3));
      const due = candidates.filter((s) => isDueSoon(config.timeZone, s.justificationDueOn, now));
      await q.insertOnce(
        db,
        due.map((spend) => ({
          userId: actor.id,
          kind: "justification.due_soon",
          spendId: spend.id,
          message: `Your justification for ${describeSpend(spend)} is due by the end of ${spend.justificationDueOn}.`,
          dedupeKey: `due-soon:${spend.id}:${spend.justificationDueOn}`,
          createdAt: now,
        })),
      );
    },

    async list(actor: Actor, page: { cursor?: string | undefined; limit: number }) {
      await this.raiseDueSoonWarnings(actor);
      const after = decodeCursor(page.cursor, ["createdAt", "id"] as const);
      const [rows, unread] = await Promise.all([q.listForUser(db, actor.id, { after, limit: page.limit }), q.unreadCount(db, actor.id)]);
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return {
        items: items.map(toView),
        unreadCount: unread,
        nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
      };
    },

    /** Someone else's notification is "not found", like any id the caller may not see. */
    async markRead(actor: Actor, id: string): Promise<NotificationView> {
      const row = await q.markRead(db, actor.id, id, clock.now());
      if (!row) throw new NotFoundError("Notification");
      return toView(row);
    },

    async markAllRead(actor: Actor): Promise<{ marked: number }> {
      return { marked: await q.markAllRead(db, actor.id, clock.now()) };
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
