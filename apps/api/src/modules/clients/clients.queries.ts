import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { clients, followUps, justificationRevisions, spends, users } from "@greentape/db/schema";

export type ClientRow = typeof clients.$inferSelect;

export async function findClient(db: Executor, id: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.id, id));
  return row;
}

/** Locks the client's row: the per-client rolling cap is checked while holding it. */
export async function lockClient(db: Executor, id: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.id, id)).for("update");
  return row;
}

/**
 * Clients for a team (or all when teamId is null), those the worker spent on most recently first,
 * so the phone's picker opens on the people they are working with.
 */
export async function listClients(db: Executor, options: { teamId: string | null; workerId?: string; search?: string; limit: number }) {
  const conditions: SQL[] = [];
  if (options.teamId) conditions.push(eq(clients.teamId, options.teamId));
  if (options.search) {
    const pattern = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(clients.reference, pattern), ilike(clients.displayName, pattern));
    if (match) conditions.push(match);
  }
  const lastSpent = options.workerId
    ? sql<string | null>`(select max(${spends.createdAt})::text from ${spends} where ${spends.clientId} = ${clients.id} and ${spends.workerId} = ${options.workerId})`
    : sql<string | null>`null`;
  return db
    .select({ client: clients, lastSpentAt: lastSpent })
    .from(clients)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(sql`${lastSpent} desc nulls last`, asc(clients.reference), desc(clients.createdAt))
    .limit(options.limit);
}

export async function insertClient(db: Executor, row: typeof clients.$inferInsert): Promise<ClientRow | undefined> {
  const [created] = await db.insert(clients).values(row).onConflictDoNothing({ target: clients.reference }).returning();
  return created;
}

export async function moveClient(db: Executor, id: string, teamId: string) {
  const [row] = await db.update(clients).set({ teamId }).where(eq(clients.id, id)).returning();
  return row;
}

/** Every spend on a client across workers, with the latest justification and the follow-up. */
export async function clientHistory(db: Executor, clientId: string) {
  const latestRevision = db
    .selectDistinctOn([justificationRevisions.spendId], { spendId: justificationRevisions.spendId, narrative: justificationRevisions.narrative, intendedOutcome: justificationRevisions.intendedOutcome })
    .from(justificationRevisions)
    .orderBy(justificationRevisions.spendId, desc(justificationRevisions.revision))
    .as("latest_revision");
  return db
    .select({
      spend: spends,
      workerName: users.name,
      narrative: latestRevision.narrative,
      intendedOutcome: latestRevision.intendedOutcome,
      outcome: followUps.outcome,
      clientView: followUps.clientView,
      contactedOn: followUps.contactedOn,
    })
    .from(spends)
    .innerJoin(users, eq(users.id, spends.workerId))
    .leftJoin(latestRevision, eq(latestRevision.spendId, spends.id))
    .leftJoin(followUps, eq(followUps.spendId, spends.id))
    .where(eq(spends.clientId, clientId))
    .orderBy(desc(spends.spentOn), desc(spends.createdAt));
}

/** A client's equality-monitoring answers, and the team that may change them. */
export async function findEqualityMonitoring(db: Executor, id: string) {
  const [row] = await db
    .select({ teamId: clients.teamId, ageBand: clients.ageBand, sex: clients.sex, ethnicGroup: clients.ethnicGroup, disability: clients.disability })
    .from(clients)
    .where(eq(clients.id, id));
  return row;
}

export async function updateEqualityMonitoring(db: Executor, id: string, answers: Partial<Pick<ClientRow, "ageBand" | "sex" | "ethnicGroup" | "disability">>) {
  const [row] = await db
    .update(clients)
    .set(answers)
    .where(eq(clients.id, id))
    .returning({ teamId: clients.teamId, ageBand: clients.ageBand, sex: clients.sex, ethnicGroup: clients.ethnicGroup, disability: clients.disability });
  return row;
}
