import { and, eq, gte, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import type { SpendStatusFilter } from "@greentape/contract/spends";
import { preparedStatement, runPrepared, type PreparedStatement } from "@greentape/db/prepared";
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
  status?: SpendStatusFilter | undefined;
}


const STATUS_CONDITIONS: Record<SpendStatusFilter, string> = {
  voided: "s.voided_at is not null",
  live: "s.voided_at is null",
  due: "s.voided_at is null and s.justification_status = 'due'",
  submitted: "s.voided_at is null and s.justification_status = 'submitted'",
  queried: "s.voided_at is null and s.justification_status = 'queried'",
  endorsed: "s.voided_at is null and s.justification_status = 'endorsed'",
  concern: "s.voided_at is null and s.justification_status = 'concern'",
  follow_up_pending: "s.voided_at is null and s.follow_up_status = 'pending'",
  follow_up_done: "s.follow_up_status = 'done'",
};

/** A listed spend as PostgreSQL writes it in JSON: times are text until mapped. */
type ListedSpendJson = Omit<SpendView, "createdAt" | "voidedAt"> & { createdAt: string; voidedAt: string | null; receiptCount: number; receiptLost: boolean };
type SpendView = Pick<SpendRow, SpendViewColumn>;
export type SpendViewColumn =
  | "id" | "workerId" | "teamId" | "clientId" | "schemeId" | "schemeVersion" | "amount" | "currency" | "category" | "payee" | "payeeType"
  | "paymentMethod" | "vatAmount" | "spentOn" | "period" | "bookedPeriod" | "note" | "createdAt" | "voidedAt" | "voidReason"
  | "justificationStatus" | "justificationDueOn" | "followUpStatus" | "followUpDueOn" | "auditStatus" | "flags";
export type ListedSpend = SpendView & { receiptCount: number; receiptLost: boolean };

type ListParam = "workerId" | "teamId" | "clientId" | "period" | "afterAt" | "afterId" | "limit";
const listStatements = new Map<string, PreparedStatement<ListParam>>();

/**
 * One prepared statement per shape of filter (which filters are present, and the status), so each
 * is planned once per connection against the index its filter needs. The page is cut first and
 * only its rows are counted for receipts and folded into JSON: one row back, one round trip.
 */
function listStatement(filter: SpendFilter, paged: boolean): PreparedStatement<ListParam> {
  const conditions = [
    filter.workerId && "s.worker_id = :workerId::uuid",
    filter.teamId && "s.team_id = :teamId::uuid",
    filter.clientId && "s.client_id = :clientId::uuid",
    filter.period && "s.period = :period::text",
    filter.status && STATUS_CONDITIONS[filter.status],
    // A row comparison, so the (…, created_at, id) indexes serve the cursor too.
    paged && "(s.created_at, s.id) < (:afterAt::timestamptz, :afterId::uuid)",
  ].filter((c): c is string => Boolean(c));
  const key = [filter.workerId && "w", filter.teamId && "t", filter.clientId && "c", filter.period && "p", filter.status, paged && "after"].filter(Boolean).join("_");
  let statement = listStatements.get(key);
  if (!statement) {
    statement = preparedStatement<ListParam>(
      `spend_list_${key}`,
      `select coalesce(json_agg(json_build_object(
    'id', s.id, 'workerId', s.worker_id, 'teamId', s.team_id, 'clientId', s.client_id, 'schemeId', s.scheme_id, 'schemeVersion', s.scheme_version,
    'amount', s.amount, 'currency', s.currency, 'category', s.category, 'payee', s.payee, 'payeeType', s.payee_type, 'paymentMethod', s.payment_method,
    'vatAmount', s.vat_amount, 'spentOn', s.spent_on, 'period', s.period, 'bookedPeriod', s.booked_period, 'note', s.note,
    'createdAt', s.created_at, 'voidedAt', s.voided_at, 'voidReason', s.void_reason,
    'justificationStatus', s.justification_status, 'justificationDueOn', s.justification_due_on,
    'followUpStatus', s.follow_up_status, 'followUpDueOn', s.follow_up_due_on, 'auditStatus', s.audit_status, 'flags', s.flags,
    'receiptCount', (select count(*) from receipts r where r.spend_id = s.id),
    'receiptLost', exists (select 1 from receipt_lost_declarations l where l.spend_id = s.id)
  ) order by s.created_at desc, s.id desc), '[]') as items
from (select * from spends s${conditions.length ? ` where ${conditions.join(" and ")}` : ""} order by s.created_at desc, s.id desc limit :limit::int) s`,
    );
    listStatements.set(key, statement);
  }
  return statement;
}

/** Newest first; the cursor is the last row's (createdAt, id), so pages never skip or repeat. */
export async function listSpends(db: Executor, filter: SpendFilter, page: { after?: { createdAt: string; id: string } | undefined; limit: number }): Promise<ListedSpend[]> {
  const [row] = await runPrepared<{ items: ListedSpendJson[] }, ListParam>(db, listStatement(filter, page.after !== undefined), {
    workerId: filter.workerId,
    teamId: filter.teamId,
    clientId: filter.clientId,
    period: filter.period,
    afterAt: page.after?.createdAt,
    afterId: page.after?.id,
    // One more than asked, to know whether another page follows.
    limit: page.limit + 1,
  });
  return (row?.items ?? []).map((item) => ({ ...item, createdAt: new Date(item.createdAt), voidedAt: item.voidedAt === null ? null : new Date(item.voidedAt) }));
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
