import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { refreshTokens } from "@greentape/db/schema";

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export async function insertRefreshToken(db: Executor, row: typeof refreshTokens.$inferInsert): Promise<RefreshTokenRow> {
  const [created] = await db.insert(refreshTokens).values(row).returning();
  if (!created) throw new Error("refresh token insert returned nothing");
  return created;
}

export async function findRefreshTokenByHash(db: Executor, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

/**
 * The token's row, locked until the transaction ends: two refreshes with one cookie then take
 * turns, and the second sees what the first did (rotated it, and to which successor).
 */
export async function lockRefreshTokenByHash(tx: Executor, tokenHash: string): Promise<RefreshTokenRow | undefined> {
  const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).limit(1).for("update");
  return row;
}

/** Retires a rotated token; `replacedBy` tells a late second use of it where the session went. */
export async function markRotated(db: Executor, id: string, replacedBy: string, now: Date): Promise<void> {
  await db.update(refreshTokens).set({ revokedAt: now, replacedBy }).where(eq(refreshTokens.id, id));
}

/** A session (a refresh family) goes on while one of its tokens is not revoked. */
export async function revokeFamily(db: Executor, familyId: string, now: Date): Promise<number> {
  const rows = await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    .returning({ id: refreshTokens.id });
  return rows.length;
}
