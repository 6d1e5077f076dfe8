import { and, eq, isNull, min } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { followUps, justificationRevisions, spends } from "@greentape/db/schema";

/** Each live spend of the worker: when its justification and follow-up were due and first done, and what the client said. */
export async function spendTimesOf(db: Executor, workerId: string) {
  return db
    .select({
      justificationDueOn: spends.justificationDueOn,
      followUpDueOn: spends.followUpDueOn,
      firstJustifiedAt: min(justificationRevisions.createdAt),
      followedUpAt: min(followUps.createdAt),
      amount: spends.amount,
      outcome: min(followUps.outcome),
    })
    .from(spends)
    .leftJoin(justificationRevisions, eq(justificationRevisions.spendId, spends.id))
    .leftJoin(followUps, eq(followUps.spendId, spends.id))
    .where(and(eq(spends.workerId, workerId), isNull(spends.voidedAt)))
    .groupBy(spends.id);
}
