import { and, arrayOverlaps, asc, count, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { RECENT_FINDING_RESULTS, RISK_FLAGS } from "@greentape/domain/risk-strata";
import { OWED_JUSTIFICATION_STATES } from "@greentape/domain/tracks";
import { compareCodeUnits } from "@greentape/domain/sample-plan";
import { auditSampleItems, auditSamples, clients, closedPeriodRows, periods, receiptLostDeclarations, reviews, schemeVersions, spends, teams, users } from "@greentape/db/schema";
import { countedInBookedPeriod } from "../../lib/periods.queries.ts";
import type { AuditStatus } from "@greentape/domain/tracks";

export type SampleRow = typeof auditSamples.$inferSelect;
export type SampleItemRow = typeof auditSampleItems.$inferSelect;
export type SpendRow = typeof spends.$inferSelect;

/**
 * A period's population is what finance books in it: the spends booked in the period that count
 * there (not voided, or voided only after the period closed, when a reversal went to a later
 * month). A late spend dated in a closed month is booked into the next open one and joins that
 * month's population, and a void after close leaves the closed month's population as it was.
 */
function population(period: string): SQL {
  return and(eq(spends.bookedPeriod, period), countedInBookedPeriod(sql`${spends.id}`, sql`${spends.voidedAt}`)) as SQL;
}

/**
 * The population's ids and amounts: for a closed month, the rows frozen at its close (its spends,
 * not the voided ones or reversals); for an open one, the booked spends as they are now. Sorted by
 * the uuid, which for uuid text (lowercase hex at fixed places) is the same order as the text's
 * code units; the service still sorts by code unit, which costs next to nothing on sorted input,
 * because that order is the definition.
 */
export async function populationItems(db: Executor, period: string): Promise<{ id: string; amount: number }[]> {
  // A month can hold 100,000 rows: plain rows without the query builder's per-row mapping are
  // about a third quicker (tests/bench/sampling.bench.ts).
  const result = (await db.execute(sql`
    select ${spends.id}::text as id, ${spends.amount} as amount from ${spends}
    where ${population(period)} and not exists (select 1 from ${periods} where ${periods.period} = ${period} and ${periods.status} = 'closed')
    union all
    select transaction_id as id, amount from ${closedPeriodRows}
    where ${closedPeriodRows.period} = ${period} and not ${closedPeriodRows.voided} and ${closedPeriodRows.reversalOf} is null
    order by id`)) as unknown as {
    rows: { id: string; amount: string | number | bigint }[];
  };
  return result.rows.map((r) => ({ id: r.id, amount: Number(r.amount) }));
}

/**
 * Which of a sample's recorded population ids have left the population since, and which of its
 * ids now were not there at the draw; each list in id order.
 */
export async function populationChanges(db: Executor, sampleId: string, current: readonly string[]): Promise<{ joined: string[]; left: string[] }> {
  const result = (await db.execute(sql`
    with drawn as (select unnest(${auditSamples.populationIds})::text as id from ${auditSamples} where ${auditSamples.id} = ${sampleId}),
      now as (select unnest(${`{${current.join(",")}}`}::text[]) as id)
    select 'joined' as change, id from (select id from now except select id from drawn) j
    union all
    select 'left', id from (select id from drawn except select id from now) l
    order by change, id`)) as unknown as { rows: { change: "joined" | "left"; id: string }[] };
  return {
    joined: result.rows.filter((r) => r.change === "joined").map((r) => r.id),
    left: result.rows.filter((r) => r.change === "left").map((r) => r.id),
  };
}

const hasConcernReview = sql<boolean>`${spends.id} in (select ${reviews.spendId} from ${reviews} where ${reviews.decision} = 'concern')`;
const hasReceiptLost = sql<boolean>`${spends.id} in (select ${receiptLostDeclarations.spendId} from ${receiptLostDeclarations})`;
// The top-stratum amount of the scheme version the spend was judged by, if it set one.
const schemeTopStratumAmount = sql<number | null>`(${schemeVersions.auditSettings} ->> 'topStratumAmount')::bigint`;

/**
 * The population's spends that may meet a risk rule, with the facts the rules read. This only
 * narrows the period down so a large month is not read twice; riskClassifier (domain) decides
 * each spend's reasons from the facts.
 */
export async function riskCandidates(db: Executor, period: string, rules: { overdueBefore: string; topStratumAmount: number | null; recentFindingWorkers: readonly string[] }) {
  const byRecentFinding = rules.recentFindingWorkers.length > 0 ? inArray(spends.workerId, [...rules.recentFindingWorkers]) : sql`false`;
  const mayBeRisky = or(
    byRecentFinding,
    eq(spends.justificationStatus, "concern"),
    hasConcernReview,
    arrayOverlaps(spends.flags, [...RISK_FLAGS]),
    and(inArray(spends.justificationStatus, [...OWED_JUSTIFICATION_STATES]), lt(spends.justificationDueOn, rules.overdueBefore)),
    hasReceiptLost,
    sql`${spends.amount} >= coalesce(${rules.topStratumAmount}::bigint, ${schemeTopStratumAmount})`,
  );
  return db
    .select({
      id: spends.id,
      amount: spends.amount,
      flags: spends.flags,
      justificationStatus: spends.justificationStatus,
      justificationDueOn: spends.justificationDueOn,
      concernReview: hasConcernReview,
      receiptLost: hasReceiptLost,
      schemeTopStratumAmount: schemeTopStratumAmount.mapWith(Number),
      recentFinding: sql<boolean>`${byRecentFinding}`.mapWith(Boolean),
    })
    .from(spends)
    .innerJoin(schemeVersions, and(eq(schemeVersions.schemeId, spends.schemeId), eq(schemeVersions.version, spends.schemeVersion)))
    .where(and(population(period), mayBeRisky));
}

/**
 * Workers with a finding of a RECENT_FINDING_RESULTS result recorded from `since` (a UTC day) up to
 * `until`, as the findings stand now; ids in code-unit order, so the list recorded with a sample
 * is the same however the database orders them.
 */
export async function workersWithRecentFinding(db: Executor, since: string, until: Date): Promise<string[]> {
  const found = await db
    .selectDistinct({ workerId: spends.workerId })
    .from(auditSampleItems)
    .innerJoin(spends, eq(spends.id, auditSampleItems.spendId))
    .where(and(inArray(auditSampleItems.result, [...RECENT_FINDING_RESULTS]), gte(auditSampleItems.findingAt, new Date(`${since}T00:00:00Z`)), lte(auditSampleItems.findingAt, until)));
  return found.map((r) => r.workerId).sort(compareCodeUnits);
}

/** The ids of the period's population spends logged by these workers, in code-unit order. */
export async function populationSpendIdsOf(db: Executor, period: string, workerIds: readonly string[]): Promise<string[]> {
  if (workerIds.length === 0) return [];
  const found = await db.select({ id: spends.id }).from(spends).where(and(population(period), inArray(spends.workerId, [...workerIds])));
  return found.map((r) => r.id).sort(compareCodeUnits);
}

/** The strictest tolerable rate any scheme version in the period's population asks for, if any does. */
export async function strictestSchemeTolerableRate(db: Executor, period: string): Promise<number | null> {
  // Few scheme versions set a rate, and usually none: look at those first, so the period's
  // spends are only read when some version does.
  const versions = await db
    .select({ schemeId: schemeVersions.schemeId, version: schemeVersions.version, rate: sql<number>`(${schemeVersions.auditSettings} ->> 'tolerableRate')::float8`.mapWith(Number) })
    .from(schemeVersions)
    .where(sql`${schemeVersions.auditSettings} ? 'tolerableRate'`);
  if (versions.length === 0) return null;
  const used = await db
    .selectDistinct({ schemeId: spends.schemeId, version: spends.schemeVersion })
    .from(spends)
    .where(and(population(period), or(...versions.map((v) => and(eq(spends.schemeId, v.schemeId), eq(spends.schemeVersion, v.version))))));
  const rates = versions.filter((v) => used.some((u) => u.schemeId === v.schemeId && u.version === v.version)).map((v) => v.rate);
  return rates.length > 0 ? Math.min(...rates) : null;
}

export async function insertSample(db: Executor, row: typeof auditSamples.$inferInsert): Promise<SampleRow> {
  const [created] = await db.insert(auditSamples).values(row).returning();
  if (!created) throw new Error("sample insert returned nothing");
  return created;
}

export async function insertItems(db: Executor, rows: (typeof auditSampleItems.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(auditSampleItems).values(rows);
}

/** Moves the audit track of those spends still at `from`; spends already further along keep theirs. */
export async function moveAuditTrack(db: Executor, spendIds: string[], from: AuditStatus, to: AuditStatus) {
  if (spendIds.length === 0) return;
  await db.update(spends).set({ auditStatus: to }).where(and(inArray(spends.id, spendIds), eq(spends.auditStatus, from)));
}

export async function setAuditStatus(db: Executor, spendId: string, status: AuditStatus) {
  await db.update(spends).set({ auditStatus: status }).where(eq(spends.id, spendId));
}

export async function findSample(db: Executor, id: string): Promise<SampleRow | undefined> {
  const [row] = await db.select().from(auditSamples).where(eq(auditSamples.id, id));
  return row;
}

/** Newest first; the cursor is the last row's (createdAt, id). */
export async function listSamples(db: Executor, filter: { period?: string | undefined }, page: { after?: { createdAt: string; id: string } | undefined; limit: number }) {
  const conditions: SQL[] = [];
  if (filter.period) conditions.push(eq(auditSamples.period, filter.period));
  if (page.after) {
    const at = new Date(page.after.createdAt);
    conditions.push(or(lt(auditSamples.createdAt, at), and(eq(auditSamples.createdAt, at), lt(auditSamples.id, page.after.id))) as SQL);
  }
  return db
    .select({
      sample: auditSamples,
      items: count(auditSampleItems.spendId),
      findings: count(auditSampleItems.result),
    })
    .from(auditSamples)
    .leftJoin(auditSampleItems, eq(auditSampleItems.sampleId, auditSamples.id))
    .where(conditions.length ? and(...conditions) : undefined)
    .groupBy(auditSamples.id)
    .orderBy(desc(auditSamples.createdAt), desc(auditSamples.id))
    .limit(page.limit + 1);
}

/** Whose spend it is and for whom, by name: what an auditor reads a list of sampled spends by. */
const spendPeople = { workerName: users.name, teamName: teams.name, clientReference: clients.reference };
export type SpendPeople = { workerName: string; teamName: string; clientReference: string };

export async function spendPeopleOf(db: Executor, spendId: string): Promise<SpendPeople> {
  const [row] = await db
    .select(spendPeople)
    .from(spends)
    .innerJoin(users, eq(users.id, spends.workerId))
    .innerJoin(teams, eq(teams.id, spends.teamId))
    .innerJoin(clients, eq(clients.id, spends.clientId))
    .where(eq(spends.id, spendId));
  if (!row) throw new Error(`spend ${spendId} has no worker, team or client row`);
  return row;
}

/** A sample's items in position order, each with its spend and the names of its worker, team and client. */
export async function itemsWithSpends(db: Executor, sampleId: string) {
  return db
    .select({ item: auditSampleItems, spend: spends, people: spendPeople })
    .from(auditSampleItems)
    .innerJoin(spends, eq(spends.id, auditSampleItems.spendId))
    .innerJoin(users, eq(users.id, spends.workerId))
    .innerJoin(teams, eq(teams.id, spends.teamId))
    .innerJoin(clients, eq(clients.id, spends.clientId))
    .where(eq(auditSampleItems.sampleId, sampleId))
    .orderBy(asc(auditSampleItems.position));
}

export async function lockItem(db: Executor, sampleId: string, spendId: string): Promise<SampleItemRow | undefined> {
  const [row] = await db
    .select()
    .from(auditSampleItems)
    .where(and(eq(auditSampleItems.sampleId, sampleId), eq(auditSampleItems.spendId, spendId)))
    .for("update");
  return row;
}

export async function recordFinding(
  db: Executor,
  sampleId: string,
  spendId: string,
  finding: { result: NonNullable<SampleItemRow["result"]>; notes: string; misstatement: number | null; by: string; at: Date },
) {
  await db
    .update(auditSampleItems)
    .set({ result: finding.result, notes: finding.notes, misstatement: finding.misstatement, findingBy: finding.by, findingAt: finding.at })
    .where(and(eq(auditSampleItems.sampleId, sampleId), eq(auditSampleItems.spendId, spendId)));
}

const hasFinding = sql`exists (select 1 from ${auditSampleItems} where ${auditSampleItems.spendId} = ${spends.id} and ${auditSampleItems.result} is not null)`;

/** Spends a supervisor raised a concern about that no finding has answered yet, oldest first. */
export async function concernsWithoutFinding(db: Executor, limit: number) {
  return db
    .select()
    .from(spends)
    // The concerned spends are gathered first (a partial index and the reviews), not found by
    // testing every spend in the population against an OR.
    .where(
      and(
        sql`${spends.id} in (select c.id from ${spends} c where c.justification_status = 'concern' union select ${reviews.spendId} from ${reviews} where ${reviews.decision} = 'concern')`,
        sql`not ${hasFinding}`,
      ),
    )
    .orderBy(asc(spends.createdAt), asc(spends.id))
    .limit(limit + 1);
}

/** Sample items still waiting for a finding, oldest sample first. */
export async function openItems(db: Executor, limit: number) {
  return db
    .select({ item: auditSampleItems, sample: { id: auditSamples.id, period: auditSamples.period, createdAt: auditSamples.createdAt }, spend: spends, people: spendPeople })
    .from(auditSampleItems)
    .innerJoin(auditSamples, eq(auditSamples.id, auditSampleItems.sampleId))
    .innerJoin(spends, eq(spends.id, auditSampleItems.spendId))
    .innerJoin(users, eq(users.id, spends.workerId))
    .innerJoin(teams, eq(teams.id, spends.teamId))
    .innerJoin(clients, eq(clients.id, spends.clientId))
    .where(isNull(auditSampleItems.result))
    .orderBy(asc(auditSamples.createdAt), asc(auditSamples.id), asc(auditSampleItems.position))
    .limit(limit + 1);
}
