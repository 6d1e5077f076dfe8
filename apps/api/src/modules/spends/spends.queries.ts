import { and, desc, eq, gte, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { auditSampleItems, capCounters, idempotencyKeys, reversals, spends } from "@greentape/db/schema";

export type SpendRow = typeof spends.$inferSelect;
export type CapScope = "team" | "worker";

export async function findSpend(db: Executor, id: string): Promise<SpendRow | undefined> {
  const [row] = await db.select().from(spends).where(eq(spends.id, id));
  return row;
}

export async function lockSpend(db: Executor, id: string): Promise<SpendRow | undefined> {
  const [row] = await db.select().from(spends).where(eq(spends.id, id)).for("update");
  return row;
}

export async function findIdempotencyKey(db: Executor, userId: string, key: string) {
  const [row] = await db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

/** A row must exist before it can be locked: create the month's counter if it is new. */
export async function ensureCounter(db: Executor, scope: CapScope, schemeId: string, ownerId: string, period: string) {
  await db.insert(capCounters).values({ scope, schemeId, ownerId, period, used: 0 }).onConflictDoNothing();
}

export async function counterUsed(db: Executor, scope: CapScope, schemeId: string, ownerId: string, period: string): Promise<number> {
  const [row] = await db
    .select({ used: capCounters.used })
    .from(capCounters)
    .where(and(eq(capCounters.scope, scope), eq(capCounters.schemeId, schemeId), eq(capCounters.ownerId, ownerId), eq(capCounters.period, period)));
  return row?.used ?? 0;
}

export async function subtractFromCounter(db: Executor, scope: CapScope, schemeId: string, ownerId: string, period: string, amount: number) {
  await db
    .update(capCounters)
    .set({ used: sql`${capCounters.used} - ${amount}` })
    .where(and(eq(capCounters.scope, scope), eq(capCounters.schemeId, schemeId), eq(capCounters.ownerId, ownerId), eq(capCounters.period, period)));
}

/** A client's live spends under a scheme between two dates (inclusive), for the rolling cap. */
export async function clientSpendsBetween(db: Executor, clientId: string, schemeId: string, from: string, to: string) {
  return db
    .select({ amount: spends.amount, spentOn: spends.spentOn })
    .from(spends)
    .where(and(eq(spends.clientId, clientId), eq(spends.schemeId, schemeId), isNull(spends.voidedAt), gte(spends.spentOn, from), lte(spends.spentOn, to)));
}

/** Whether an auditor has recorded a finding on the spend in any sample. */
export async function hasAuditFinding(db: Executor, spendId: string): Promise<boolean> {
  const [row] = await db
    .select({ spendId: auditSampleItems.spendId })
    .from(auditSampleItems)
    .where(and(eq(auditSampleItems.spendId, spendId), sql`${auditSampleItems.result} is not null`))
    .limit(1);
  return row !== undefined;
}

export async function markVoided(db: Executor, id: string, by: string, reason: string, at: Date): Promise<SpendRow> {
  const [row] = await db.update(spends).set({ voidedAt: at, voidedBy: by, voidReason: reason }).where(eq(spends.id, id)).returning();
  if (!row) throw new Error("void update returned nothing");
  return row;
}

export async function insertReversal(db: Executor, row: typeof reversals.$inferInsert) {
  await db.insert(reversals).values(row);
}

export interface SpendFilter {
  workerId?: string | undefined;
  teamId?: string | undefined;
  clientId?: string | undefined;
  period?: string | undefined;
  status?: string | undefined;
}

export const SPEND_STATUS_FILTERS = ["voided", "live", "due", "submitted", "queried", "endorsed", "concern", "follow_up_pending", "follow_up_done"] as const;
export type SpendStatusFilter = (typeof SPEND_STATUS_FILTERS)[number];

function statusCondition(status: SpendStatusFilter): SQL {
  switch (status) {
    case "voided":
      return sql`${spends.voidedAt} is not null`;
    case "live":
      return isNull(spends.voidedAt);
    case "follow_up_pending":
      return and(isNull(spends.voidedAt), eq(spends.followUpStatus, "pending")) as SQL;
    case "follow_up_done":
      return eq(spends.followUpStatus, "done");
    default:
      return and(isNull(spends.voidedAt), eq(spends.justificationStatus, status)) as SQL;
  }
}

/** Newest first; the cursor is the last row's (createdAt, id), so pages never skip or repeat. */
export async function listSpends(db: Executor, filter: SpendFilter, page: { after?: { createdAt: string; id: string } | undefined; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.workerId) conditions.push(eq(spends.workerId, filter.workerId));
  if (filter.teamId) conditions.push(eq(spends.teamId, filter.teamId));
  if (filter.clientId) conditions.push(eq(spends.clientId, filter.clientId));
  if (filter.period) conditions.push(eq(spends.period, filter.period));
  if (filter.status) conditions.push(statusCondition(filter.status as SpendStatusFilter));
  if (page.after) {
    const at = new Date(page.after.createdAt);
    conditions.push(or(lt(spends.createdAt, at), and(eq(spends.createdAt, at), lt(spends.id, page.after.id))) as SQL);
  }
  return db
    .select({
      spend: spends,
      // Qualified by hand: drizzle writes a bare "id" here, which the subquery would take as its own.
      receiptCount: sql<number>`(select count(*) from receipts r where r.spend_id = "spends"."id")::int`,
      receiptLost: sql<boolean>`exists (select 1 from receipt_lost_declarations l where l.spend_id = "spends"."id")`,
    })
    .from(spends)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(spends.createdAt), desc(spends.id))
    .limit(page.limit + 1);
}

/** A worker's live (not voided) spends made in a month, summed per currency. */
export async function monthTotalsOf(db: Executor, workerId: string, period: string) {
  return db
    .select({ currency: spends.currency, amount: sql<number>`coalesce(sum(${spends.amount}), 0)::bigint`.mapWith(Number), count: sql<number>`count(*)::int` })
    .from(spends)
    .where(and(eq(spends.workerId, workerId), eq(spends.period, period), isNull(spends.voidedAt)))
    .groupBy(spends.currency)
    .orderBy(spends.currency);
}
