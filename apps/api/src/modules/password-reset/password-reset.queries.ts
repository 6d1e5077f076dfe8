import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { passwordResets } from "@greentape/db/schema";

export async function insertPasswordReset(db: Executor, row: typeof passwordResets.$inferInsert): Promise<void> {
  await db.insert(passwordResets).values(row);
}

/** The link's row, locked so two uses of one link take turns and the second finds it used. */
export async function lockPasswordReset(tx: Executor, tokenHash: string) {
  const [row] = await tx.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).limit(1).for("update");
  return row;
}

/** Uses this link and retires every other unused link of the account: a reset ends them all. */
export async function useAllForUser(tx: Executor, userId: string, at: Date): Promise<void> {
  await tx.update(passwordResets).set({ usedAt: at }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}
