import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { capCounters, clients, spends, users } from "@greentape/db/schema";
import type { TeamTrack } from "@greentape/contract/supervision";
import { TEAM_ROLES } from "@greentape/domain/roles";
import { receiptMissing } from "../worklists/index.ts";

/** The condition of each track a supervisor filters the team's spends by. */
function trackCondition(track: TeamTrack, today: string): SQL {
  switch (track) {
    case "unjustified":
      return and(isNull(spends.voidedAt), eq(spends.justificationStatus, "due")) as SQL;
    case "queried":
      return and(isNull(spends.voidedAt), eq(spends.justificationStatus, "queried")) as SQL;
    case "follow_up_overdue":
      return and(isNull(spends.voidedAt), eq(spends.followUpStatus, "pending"), lt(spends.followUpDueOn, today)) as SQL;
    case "receipt_missing":
      return receiptMissing;
  }
}

/** The team's active people who log spends: workers and supervisors, by name. */
export async function teamMembers(db: Executor, teamId: string) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.teamId, teamId), eq(users.active, true), inArray(users.role, [...TEAM_ROLES])))
    .orderBy(asc(users.name), asc(users.id));
}

/** What each of these people has used of each scheme's monthly allowance in the period. */
export async function workerCounters(db: Executor, workerIds: string[], period: string) {
  if (workerIds.length === 0) return [];
  return db
    .select({ ownerId: capCounters.ownerId, schemeId: capCounters.schemeId, used: capCounters.used })
    .from(capCounters)
    .where(and(eq(capCounters.scope, "worker"), inArray(capCounters.ownerId, workerIds), eq(capCounters.period, period)));
}

export interface TeamSpendFilter {
  workerId?: string | undefined;
  clientId?: string | undefined;
  category?: string | undefined;
  track?: TeamTrack | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function teamSpendConditions(teamId: string, filter: TeamSpendFilter, today: string): SQL[] {
  const conditions: SQL[] = [eq(spends.teamId, teamId)];
  if (filter.workerId) conditions.push(eq(spends.workerId, filter.workerId));
  if (filter.clientId) conditions.push(eq(spends.clientId, filter.clientId));
  if (filter.category) conditions.push(eq(spends.category, filter.category));
  if (filter.track) conditions.push(trackCondition(filter.track, today));
  if (filter.from) conditions.push(gte(spends.spentOn, filter.from));
  if (filter.to) conditions.push(lte(spends.spentOn, filter.to));
  return conditions;
}

const teamSpendColumns = {
  spend: spends,
  workerName: users.name,
  clientReference: clients.reference,
  receiptCount: sql<number>`(select count(*) from receipts r where r.spend_id = "spends"."id")::int`,
  receiptLost: sql<boolean>`exists (select 1 from receipt_lost_declarations l where l.spend_id = "spends"."id")`,
};

/**
 * The team's spends matching the filter, newest spend date first (then newest logged), with the
 * worker's name and the client's reference. `after` is the last row's (spentOn, createdAt, id).
 */
export async function teamSpends(
  db: Executor,
  teamId: string,
  filter: TeamSpendFilter,
  today: string,
  page: { after?: { spentOn: string; createdAt: string; id: string } | undefined; limit: number },
) {
  const conditions = teamSpendConditions(teamId, filter, today);
  if (page.after) {
    const { spentOn, id } = page.after;
    const at = new Date(page.after.createdAt);
    conditions.push(
      or(lt(spends.spentOn, spentOn), and(eq(spends.spentOn, spentOn), or(lt(spends.createdAt, at), and(eq(spends.createdAt, at), lt(spends.id, id))))) as SQL,
    );
  }
  return db
    .select(teamSpendColumns)
    .from(spends)
    .innerJoin(users, eq(users.id, spends.workerId))
    .innerJoin(clients, eq(clients.id, spends.clientId))
    .where(and(...conditions))
    .orderBy(desc(spends.spentOn), desc(spends.createdAt), desc(spends.id))
    .limit(page.limit + 1);
}

/** How many of the team's spends match the filter, and their live total. */
export async function teamSpendTotals(db: Executor, teamId: string, filter: TeamSpendFilter, today: string) {
  const [row] = await db
    .select({
      count: sql<number>`count(*)::int`,
      liveTotal: sql<number>`coalesce(sum(${spends.amount}) filter (where ${spends.voidedAt} is null), 0)::bigint`.mapWith(Number),
    })
    .from(spends)
    .where(and(...teamSpendConditions(teamId, filter, today)));
  return { count: row?.count ?? 0, liveTotal: row?.liveTotal ?? 0 };
}
