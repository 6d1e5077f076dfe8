import type { SpendDetail } from "@greentape/contract/spends";
import type { Executor } from "@greentape/db/client";
import { canSeeLoggedEvent, canSeeReviewerNotes } from "@greentape/domain/permissions";
import type { Actor } from "../../plugins/access.ts";
import { loadSpendParts } from "./spend-detail.queries.ts";
import type { SpendRow } from "./spends.queries.ts";
import { toSpendView } from "./spend-view.ts";

/** JSON built by PostgreSQL writes times its own way; the API answers in ISO 8601 UTC. */
const iso = (at: string) => new Date(at).toISOString();
const named = (person: { id: string; name: string | null }) => ({ id: person.id, name: person.name ?? "Unknown" });

export async function buildSpendDetail(db: Executor, actor: Actor, spend: SpendRow, today: string): Promise<SpendDetail> {
  const parts = await loadSpendParts(db, spend, { includeReviewerNotes: canSeeReviewerNotes(actor, spend) });
  const latest = parts.revisions.at(-1);
  const revisions = parts.revisions.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
  return {
    ...toSpendView(spend, today),
    schemeName: parts.schemeName ?? "",
    client: { reference: parts.client?.reference ?? "", displayName: parts.client?.displayName ?? null },
    worker: named({ id: spend.workerId, name: parts.workerName }),
    receipts: parts.receipts.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    receiptLost: parts.lost ? { ...parts.lost, createdAt: iso(parts.lost.createdAt) } : null,
    justification: latest ? { narrative: latest.narrative, intendedOutcome: latest.intendedOutcome, revision: latest.revision, revisions } : null,
    reviews: parts.reviews.map((r) => ({ ...r, reviewer: named(r.reviewer), createdAt: iso(r.createdAt) })),
    followUp: parts.followUp
      ? { ...parts.followUp, recordedBy: named(parts.followUp.recordedBy), createdAt: iso(parts.followUp.createdAt), updatedAt: iso(parts.followUp.updatedAt) }
      : null,
    comments: parts.comments.map((c) => ({ ...c, author: named(c.author), createdAt: iso(c.createdAt) })),
    // A reviewer-only note must not leak through the timeline.
    timeline: parts.events
      .filter((e) => canSeeLoggedEvent(actor, spend, e))
      .map((e) => ({ ...e, occurredAt: iso(e.occurredAt), actor: e.actor ? named(e.actor) : null })),
  };
}
