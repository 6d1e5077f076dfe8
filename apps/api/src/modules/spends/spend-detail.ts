import { z } from "zod";
import type { Executor } from "@greentape/db/client";
import { canSeeLoggedEvent, canSeeReviewerNotes } from "@greentape/domain/permissions";
import type { Actor } from "../../plugins/access.ts";
import { clientReference, loadSpendParts, schemeVersionName, userNames } from "./spend-detail.queries.ts";
import type { SpendRow } from "./spends.queries.ts";
import { spendViewSchema, toSpendView } from "./spend-view.ts";

const person = z.object({ id: z.string(), name: z.string() });

export const spendDetailSchema = spendViewSchema.extend({
  schemeName: z.string().describe("The scheme's name in the version the spend was judged by (schemeVersion)"),
  client: z.object({ reference: z.string(), displayName: z.string().nullable() }),
  worker: person,
  receipts: z.array(z.object({ id: z.string(), contentType: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.string() })),
  receiptLost: z.object({ description: z.string(), reason: z.string(), declaredBy: z.string(), createdAt: z.string() }).nullable(),
  justification: z
    .object({
      narrative: z.string(),
      intendedOutcome: z.string(),
      revision: z.number().int(),
      revisions: z.array(z.object({ revision: z.number().int(), narrative: z.string(), intendedOutcome: z.string(), submittedBy: z.string(), createdAt: z.string() })),
    })
    .nullable(),
  reviews: z.array(z.object({ id: z.string(), reviewer: person, decision: z.string(), comment: z.string(), revision: z.number().int(), createdAt: z.string() })),
  followUp: z
    .object({
      contactedOn: z.string(),
      method: z.string(),
      outcome: z.string(),
      clientView: z.string().nullable(),
      notes: z.string().nullable(),
      recordedBy: person,
      createdAt: z.string(),
      updatedAt: z.string(),
    })
    .nullable(),
  comments: z.array(z.object({ id: z.string(), author: person, body: z.string(), visibility: z.string(), createdAt: z.string() })),
  timeline: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      occurredAt: z.string(),
      actor: person.nullable(),
      data: z.unknown(),
      logIndex: z.number().int().nullable().describe("The event's place in the verifiable log once sealed (within about two seconds); null until then"),
    }),
  ),
});
export type SpendDetail = z.infer<typeof spendDetailSchema>;


export async function buildSpendDetail(db: Executor, actor: Actor, spend: SpendRow, today: string): Promise<SpendDetail> {
  const includeReviewerNotes = canSeeReviewerNotes(actor, spend);
  const parts = await loadSpendParts(db, spend.id, { includeReviewerNotes });
  // A reviewer-only note must not leak through the timeline.
  const timelineRows = parts.eventRows.filter((e) => canSeeLoggedEvent(actor, spend, e));
  const names = await userNames(db, [
    spend.workerId,
    ...parts.reviewRows.map((r) => r.reviewerId),
    ...parts.commentRows.map((c) => c.authorId),
    ...timelineRows.flatMap((e) => (e.actorId ? [e.actorId] : [])),
    ...(parts.followUp ? [parts.followUp.recordedBy] : []),
  ]);
  const who = (id: string) => ({ id, name: names.get(id) ?? "Unknown" });
  const [client, schemeName] = await Promise.all([clientReference(db, spend.clientId), schemeVersionName(db, spend.schemeId, spend.schemeVersion)]);
  const latest = parts.revisions.at(-1);
  return {
    ...toSpendView(spend, today),
    schemeName: schemeName ?? "",
    client: { reference: client?.reference ?? "", displayName: client?.displayName ?? null },
    worker: who(spend.workerId),
    receipts: parts.receiptRows.map((r) => ({ id: r.id, contentType: r.contentType, sizeBytes: r.sizeBytes, sha256: r.sha256, createdAt: r.createdAt.toISOString() })),
    receiptLost: parts.lost
      ? { description: parts.lost.description, reason: parts.lost.reason, declaredBy: parts.lost.declaredBy, createdAt: parts.lost.createdAt.toISOString() }
      : null,
    justification: latest
      ? {
          narrative: latest.narrative,
          intendedOutcome: latest.intendedOutcome,
          revision: latest.revision,
          revisions: parts.revisions.map((r) => ({ revision: r.revision, narrative: r.narrative, intendedOutcome: r.intendedOutcome, submittedBy: r.submittedBy, createdAt: r.createdAt.toISOString() })),
        }
      : null,
    reviews: parts.reviewRows.map((r) => ({ id: r.id, reviewer: who(r.reviewerId), decision: r.decision, comment: r.comment, revision: r.revision, createdAt: r.createdAt.toISOString() })),
    followUp: parts.followUp
      ? {
          contactedOn: parts.followUp.contactedOn,
          method: parts.followUp.method,
          outcome: parts.followUp.outcome,
          clientView: parts.followUp.clientView,
          notes: parts.followUp.notes,
          recordedBy: who(parts.followUp.recordedBy),
          createdAt: parts.followUp.createdAt.toISOString(),
          updatedAt: parts.followUp.updatedAt.toISOString(),
        }
      : null,
    comments: parts.commentRows.map((c) => ({ id: c.id, author: who(c.authorId), body: c.body, visibility: c.visibility, createdAt: c.createdAt.toISOString() })),
    timeline: timelineRows.map((e) => ({ id: e.id, type: e.type, occurredAt: e.occurredAt.toISOString(), actor: e.actorId ? who(e.actorId) : null, data: e.data, logIndex: e.logIndex })),
  };
}
