import { desc, eq, max } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { justificationRevisions, spends } from "@greentape/db/schema";
import type { JustificationStatus } from "@greentape/domain/tracks";

/** The newest revision number of a spend's justification; 0 before the first. */
export async function latestRevision(db: Executor, spendId: string): Promise<number> {
  const [row] = await db.select({ revision: max(justificationRevisions.revision) }).from(justificationRevisions).where(eq(justificationRevisions.spendId, spendId));
  return row?.revision ?? 0;
}

/** The newest revision's text and author, or null before the first. */
export async function latestRevisionText(db: Executor, spendId: string) {
  const [row] = await db
    .select({ narrative: justificationRevisions.narrative, intendedOutcome: justificationRevisions.intendedOutcome, submittedBy: justificationRevisions.submittedBy })
    .from(justificationRevisions)
    .where(eq(justificationRevisions.spendId, spendId))
    .orderBy(desc(justificationRevisions.revision))
    .limit(1);
  return row ?? null;
}

export async function insertRevision(db: Executor, row: typeof justificationRevisions.$inferInsert) {
  await db.insert(justificationRevisions).values(row);
}

/** Moves the justification track; a query may also give the worker a new due date. */
export async function setJustificationTrack(db: Executor, spendId: string, track: { status: JustificationStatus; dueOn?: string }) {
  await db
    .update(spends)
    .set({ justificationStatus: track.status, ...(track.dueOn ? { justificationDueOn: track.dueOn } : {}) })
    .where(eq(spends.id, spendId));
}
