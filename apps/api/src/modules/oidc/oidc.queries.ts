import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { users } from "@greentape/db/schema";
import type { UserRow } from "../users/index.ts";

export async function findUserBySubject(db: Executor, subject: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  return row;
}

/** The account with this email, if no subject is recorded on it yet. */
export async function findUnlinkedUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(and(eq(users.email, email), isNull(users.oidcSubject))).limit(1);
  return row;
}

/** Records the subject, only while the account has none: an account is never moved to another subject. */
export async function linkSubject(db: Executor, userId: string, subject: string): Promise<boolean> {
  const rows = await db.update(users).set({ oidcSubject: subject }).where(and(eq(users.id, userId), isNull(users.oidcSubject))).returning({ id: users.id });
  return rows.length === 1;
}
