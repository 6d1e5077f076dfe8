import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { teams, users } from "@greentape/db/schema";

export type TeamRow = typeof teams.$inferSelect;

export async function listTeams(db: Executor): Promise<TeamRow[]> {
  return db.select().from(teams).orderBy(asc(teams.name));
}

export async function findTeam(db: Executor, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id));
  return row;
}

export async function lockTeam(db: Executor, id: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.id, id)).for("update");
  return row;
}

/** Inserts unless the name is taken (then undefined). */
export async function insertTeam(db: Executor, row: typeof teams.$inferInsert): Promise<TeamRow | undefined> {
  const [created] = await db.insert(teams).values(row).onConflictDoNothing({ target: teams.name }).returning();
  return created;
}

export async function findTeamByName(db: Executor, name: string): Promise<TeamRow | undefined> {
  const [row] = await db.select().from(teams).where(eq(teams.name, name));
  return row;
}

export async function updateTeam(db: Executor, id: string, changes: Pick<typeof teams.$inferInsert, "name" | "costCentre" | "serviceArea">): Promise<TeamRow | undefined> {
  const [row] = await db.update(teams).set(changes).where(eq(teams.id, id)).returning();
  return row;
}

/** A team's supervisors are its active users with the supervisor role. */
export async function listSupervisors(db: Executor, teamIds: string[]) {
  if (teamIds.length === 0) return [];
  return db
    .select({ id: users.id, name: users.name, email: users.email, teamId: users.teamId })
    .from(users)
    .where(and(inArray(users.teamId, teamIds), eq(users.role, "supervisor"), eq(users.active, true)))
    .orderBy(asc(users.name));
}
