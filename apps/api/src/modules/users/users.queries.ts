import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { teams, users } from "@greentape/db/schema";

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findUserWithTeam(db: Executor, id: string) {
  const [row] = await db
    .select({ user: users, teamName: teams.name })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

export async function listUsersWithTeams(db: Executor) {
  return db.select({ user: users, teamName: teams.name }).from(users).leftJoin(teams, eq(teams.id, users.teamId)).orderBy(asc(users.name), asc(users.email));
}

/** Inserts unless the email is taken (then undefined), so two admins adding one person cannot both succeed. */
export async function insertUser(db: Executor, row: typeof users.$inferInsert): Promise<UserRow | undefined> {
  const [created] = await db.insert(users).values(row).onConflictDoNothing({ target: users.email }).returning();
  return created;
}

export async function lockUser(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for("update");
  return row;
}

export async function updateUser(db: Executor, id: string, changes: Partial<Omit<typeof users.$inferInsert, "id" | "email" | "createdAt">>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

/**
 * Locks every active admin, always in the same order, so two admins demoting each other at once
 * are serialised and cannot leave the council with none.
 */
export async function lockActiveAdmins(db: Executor): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((r) => r.id);
}
