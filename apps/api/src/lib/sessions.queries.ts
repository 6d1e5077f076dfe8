import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { refreshTokens } from "@greentape/db/schema";

/**
 * Ends every session a person has. Deactivating them (users) and a password change (passwords)
 * both do it, and users must not depend on auth, which reads users to sign in.
 */
export async function revokeAllForUser(db: Executor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
