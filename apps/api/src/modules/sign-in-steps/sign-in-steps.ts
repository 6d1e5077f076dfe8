import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { signInSteps } from "@greentape/db/schema";

export type SignInStepRow = typeof signInSteps.$inferSelect;
type Purpose = SignInStepRow["purpose"];

export function hashStepToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Starts a step and returns its token; only the token's hash is kept. Expired steps are swept on the way. */
export async function beginStep(db: Executor, step: { purpose: Purpose; userId: string | null; data?: Record<string, string>; now: Date; lifetimeMs: number }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.delete(signInSteps).where(lt(signInSteps.expiresAt, step.now));
  await db.insert(signInSteps).values({
    tokenHash: hashStepToken(token),
    purpose: step.purpose,
    userId: step.userId,
    data: step.data ?? {},
    expiresAt: new Date(step.now.getTime() + step.lifetimeMs),
    createdAt: step.now,
  });
  return token;
}

/** The step while it is unused and unexpired; undefined for anything else. */
export async function findOpenStep(db: Executor, purpose: Purpose, token: string, now: Date): Promise<SignInStepRow | undefined> {
  const [row] = await db
    .select()
    .from(signInSteps)
    .where(and(eq(signInSteps.tokenHash, hashStepToken(token)), eq(signInSteps.purpose, purpose), isNull(signInSteps.usedAt), gt(signInSteps.expiresAt, now)))
    .limit(1);
  return row;
}

/** Uses the step up: true for exactly one caller, however many race for it. */
export async function useStep(db: Executor, tokenHash: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(signInSteps)
    .set({ usedAt: now })
    .where(and(eq(signInSteps.tokenHash, tokenHash), isNull(signInSteps.usedAt), gt(signInSteps.expiresAt, now)))
    .returning({ tokenHash: signInSteps.tokenHash });
  return rows.length === 1;
}
