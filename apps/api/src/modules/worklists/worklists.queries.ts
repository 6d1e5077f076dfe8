import { and, asc, count, desc, eq, gt, inArray, isNull, lt, ne, or, sql, sum, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { clients, followUps, justificationRevisions, reviews, spends, teams } from "@greentape/db/schema";
import { OWED_JUSTIFICATION_STATES } from "@greentape/domain/tracks";

/** Live spends with work still open on a track: a justification to write or answer, or a follow-up. */
export async function openSpends(db: Executor, owner: { workerId: string } | { teamId: string }) {
  return db
    .select()
    .from(spends)
    .where(
      and(
        "workerId" in owner ? eq(spends.workerId, owner.workerId) : eq(spends.teamId, owner.teamId),
        isNull(spends.voidedAt),
        or(inArray(spends.justificationStatus, [...OWED_JUSTIFICATION_STATES]), eq(spends.followUpStatus, "pending")),
      ),
    )
    .orderBy(asc(spends.createdAt), asc(spends.id));
}

/**
 * A live spend with neither a receipt nor a declaration that it was lost. Qualified by hand: drizzle
 * writes a bare "id" in a one-table select, which the subqueries would take as their own.
 */
export const receiptMissing: SQL = sql`("spends"."voided_at" is null and not exists (select 1 from receipts r where r.spend_id = "spends"."id") and not exists (select 1 from receipt_lost_declarations l where l.spend_id = "spends"."id"))`;

/** The owner's live spends with no receipt and no lost-receipt declaration, oldest logged first. */
export async function spendsMissingReceipts(db: Executor, owner: { workerId: string } | { teamId: string }) {
  return db
    .select()
    .from(spends)
    .where(and("workerId" in owner ? eq(spends.workerId, owner.workerId) : eq(spends.teamId, owner.teamId), receiptMissing))
    .orderBy(asc(spends.createdAt), asc(spends.id));
}

/** The team's submitted justifications waiting for review, oldest case first, without the reviewer's own spends. */
/** The team's live spends whose justification waits for a review, never the reviewer's own. */
function waitingForReview(teamId: string, reviewerId: string): SQL[] {
  return [eq(spends.teamId, teamId), isNull(spends.voidedAt), eq(spends.justificationStatus, "submitted"), ne(spends.workerId, reviewerId)];
}

export async function reviewQueue(db: Executor, teamId: string, reviewerId: string, page: { after?: { createdAt: string; id: string } | undefined; limit: number }) {
  const conditions = waitingForReview(teamId, reviewerId);
  if (page.after) {
    const at = new Date(page.after.createdAt);
    conditions.push(or(gt(spends.createdAt, at), and(eq(spends.createdAt, at), gt(spends.id, page.after.id))) as SQL);
  }
  return db
    .select()
    .from(spends)
    .where(and(...conditions))
    .orderBy(asc(spends.createdAt), asc(spends.id))
    .limit(page.limit + 1);
}

export async function reviewQueueSize(db: Executor, teamId: string, reviewerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(spends).where(and(...waitingForReview(teamId, reviewerId)));
  return row?.n ?? 0;
}

export async function revisionsOf(db: Executor, spendIds: string[]) {
  if (spendIds.length === 0) return [];
  return db.select().from(justificationRevisions).where(inArray(justificationRevisions.spendId, spendIds)).orderBy(asc(justificationRevisions.revision));
}

export async function reviewsOf(db: Executor, spendIds: string[]) {
  if (spendIds.length === 0) return [];
  return db.select().from(reviews).where(inArray(reviews.spendId, spendIds)).orderBy(asc(reviews.createdAt));
}

export async function clientRefs(db: Executor, clientIds: string[]): Promise<Map<string, string>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db.select({ id: clients.id, reference: clients.reference }).from(clients).where(inArray(clients.id, [...new Set(clientIds)]));
  return new Map(rows.map((r) => [r.id, r.reference]));
}

/** The client's live spends in the spend's team from before it (by date, then by when logged), newest first, with their outcomes. */
export async function clientHistory(db: Executor, spend: { clientId: string; teamId: string; spentOn: string; createdAt: Date }, limit: number) {
  const earlier = or(lt(spends.spentOn, spend.spentOn), and(eq(spends.spentOn, spend.spentOn), lt(spends.createdAt, spend.createdAt)));
  return db
    .select({
      spendId: spends.id,
      spentOn: spends.spentOn,
      amount: spends.amount,
      currency: spends.currency,
      category: spends.category,
      payee: spends.payee,
      workerId: spends.workerId,
      justificationStatus: spends.justificationStatus,
      followUpStatus: spends.followUpStatus,
      outcome: followUps.outcome,
      clientView: followUps.clientView,
    })
    .from(spends)
    .leftJoin(followUps, eq(followUps.spendId, spends.id))
    .where(and(eq(spends.clientId, spend.clientId), eq(spends.teamId, spend.teamId), isNull(spends.voidedAt), earlier))
    .orderBy(desc(spends.spentOn), desc(spends.createdAt))
    .limit(limit);
}

export async function findTeam(db: Executor, id: string) {
  const [row] = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, id));
  return row;
}

/** What the team spent under each scheme in a period (the month of each spend, as the budget counts it). */
export async function teamSpendBySchemes(db: Executor, teamId: string, period: string) {
  const rows = await db
    .select({ schemeId: spends.schemeId, spent: sum(spends.amount).mapWith(Number), spendCount: count() })
    .from(spends)
    .where(and(eq(spends.teamId, teamId), eq(spends.period, period), isNull(spends.voidedAt)))
    .groupBy(spends.schemeId);
  return new Map(rows.map((r) => [r.schemeId, r]));
}

/** How the clients said the team's spends of a period went. */
export async function teamOutcomes(db: Executor, teamId: string, period: string) {
  return db
    .select({ outcome: followUps.outcome, n: count() })
    .from(followUps)
    .innerJoin(spends, eq(spends.id, followUps.spendId))
    .where(and(eq(spends.teamId, teamId), eq(spends.period, period), isNull(spends.voidedAt)))
    .groupBy(followUps.outcome);
}
