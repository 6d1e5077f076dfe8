import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { passkeys, recoveryCodes, totpFactors } from "@greentape/db/schema";

export type TotpFactorRow = typeof totpFactors.$inferSelect;
export type PasskeyRow = typeof passkeys.$inferSelect;

export async function findTotpFactor(db: Executor, userId: string): Promise<TotpFactorRow | undefined> {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId)).limit(1);
  return row;
}

/** A new unconfirmed secret replaces an earlier unconfirmed one; a confirmed factor is never overwritten here. */
export async function putUnconfirmedTotp(db: Executor, userId: string, secretEncrypted: string, now: Date): Promise<boolean> {
  const rows = await db
    .insert(totpFactors)
    .values({ userId, secretEncrypted, createdAt: now })
    .onConflictDoUpdate({ target: totpFactors.userId, set: { secretEncrypted, createdAt: now, lastTimeStep: null }, setWhere: isNull(totpFactors.confirmedAt) })
    .returning({ userId: totpFactors.userId });
  return rows.length === 1;
}

/**
 * Records a code's time step as used, only if it is later than the last one used: of two requests
 * with the same code, exactly one gets true. Confirms the factor on its first code.
 */
export async function claimTimeStep(db: Executor, userId: string, timeStep: number, now: Date): Promise<boolean> {
  const rows = await db
    .update(totpFactors)
    .set({ lastTimeStep: timeStep, confirmedAt: sql`coalesce(${totpFactors.confirmedAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(totpFactors.userId, userId), or(isNull(totpFactors.lastTimeStep), lt(totpFactors.lastTimeStep, timeStep))))
    .returning({ userId: totpFactors.userId });
  return rows.length === 1;
}

export async function replaceRecoveryCodes(db: Executor, userId: string, codeHashes: string[], now: Date): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now })));
}

/** Uses a recovery code up: true once, for one caller. */
export async function useRecoveryCode(db: Executor, userId: string, codeHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
}

export async function unusedRecoveryCodes(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function hasSecondFactor(db: Executor, userId: string): Promise<boolean> {
  const result = (await db.execute(
    sql`select exists (select 1 from totp_factors where user_id = ${userId} and confirmed_at is not null)
          or exists (select 1 from passkeys where user_id = ${userId}) as has`,
  )) as unknown as { rows: { has: boolean }[] };
  return result.rows[0]?.has === true;
}

export async function passkeysOf(db: Executor, userId: string): Promise<PasskeyRow[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId));
}

/** Removes every second factor of a person; answers whether there was any. */
export async function removeSecondFactors(db: Executor, userId: string): Promise<boolean> {
  const totp = await db.delete(totpFactors).where(eq(totpFactors.userId, userId)).returning({ confirmedAt: totpFactors.confirmedAt });
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const keys = await db.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id });
  return totp.some((row) => row.confirmedAt !== null) || keys.length > 0;
}
