import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { clients, comments, events, followUps, justificationRevisions, logLeaves, receiptLostDeclarations, receipts, reviews, schemeVersions, users } from "@greentape/db/schema";

/** Everything on one spend's page, read in a handful of indexed queries. */
export async function loadSpendParts(db: Executor, spendId: string, options: { includeReviewerNotes: boolean }) {
  const commentFilter = options.includeReviewerNotes
    ? eq(comments.spendId, spendId)
    : and(eq(comments.spendId, spendId), ne(comments.visibility, "reviewers"));
  const [receiptRows, lost, revisions, reviewRows, followUp, commentRows, eventRows] = await Promise.all([
    db.select().from(receipts).where(eq(receipts.spendId, spendId)).orderBy(asc(receipts.createdAt)),
    db.select().from(receiptLostDeclarations).where(eq(receiptLostDeclarations.spendId, spendId)),
    db.select().from(justificationRevisions).where(eq(justificationRevisions.spendId, spendId)).orderBy(asc(justificationRevisions.revision)),
    db.select().from(reviews).where(eq(reviews.spendId, spendId)).orderBy(asc(reviews.createdAt)),
    db.select().from(followUps).where(eq(followUps.spendId, spendId)),
    db.select().from(comments).where(commentFilter).orderBy(asc(comments.createdAt)),
    db
      .select({ event: events, logIndex: logLeaves.logIndex })
      .from(events)
      .leftJoin(logLeaves, eq(logLeaves.eventId, events.id))
      .where(and(eq(events.subjectType, "spend"), eq(events.subjectId, spendId)))
      .orderBy(asc(events.id)),
  ]);
  return { receiptRows, lost: lost[0], revisions, reviewRows, followUp: followUp[0], commentRows, eventRows: eventRows.map((r) => ({ ...r.event, logIndex: r.logIndex })) };
}

export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function clientReference(db: Executor, clientId: string) {
  const [row] = await db.select({ reference: clients.reference, displayName: clients.displayName }).from(clients).where(eq(clients.id, clientId));
  return row;
}

/** The scheme's name in the version the spend was judged by. */
export async function schemeVersionName(db: Executor, schemeId: string, version: number): Promise<string | undefined> {
  const [row] = await db
    .select({ name: schemeVersions.name })
    .from(schemeVersions)
    .where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version)));
  return row?.name;
}
