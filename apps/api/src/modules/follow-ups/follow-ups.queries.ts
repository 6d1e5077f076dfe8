import { eq } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { followUps, spends } from "@greentape/db/schema";
import type { FollowUpStatus } from "@greentape/domain/tracks";

/** One follow-up per spend: recording again corrects it (the log keeps every recording). */
export async function upsertFollowUp(db: Executor, row: typeof followUps.$inferInsert & { updatedAt: Date }) {
  const { spendId: _spendId, createdAt: _createdAt, ...changes } = row;
  await db.insert(followUps).values(row).onConflictDoUpdate({ target: followUps.spendId, set: changes });
}

export async function currentFollowUp(db: Executor, spendId: string) {
  const [row] = await db
    .select({ contactedOn: followUps.contactedOn, method: followUps.method, outcome: followUps.outcome, clientView: followUps.clientView, notes: followUps.notes })
    .from(followUps)
    .where(eq(followUps.spendId, spendId));
  return row ?? null;
}

export async function setFollowUpStatus(db: Executor, spendId: string, status: FollowUpStatus) {
  await db.update(spends).set({ followUpStatus: status }).where(eq(spends.id, spendId));
}
