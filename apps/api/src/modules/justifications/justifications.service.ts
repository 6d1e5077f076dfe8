import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { ForbiddenError, NotFoundError } from "@greentape/domain/errors";
import { canJustify } from "@greentape/domain/permissions";
import { nextState, type JustificationStatus } from "@greentape/domain/tracks";
import type { JustificationInput } from "@greentape/domain/workflow-input";
import type { SpendDetail } from "@greentape/contract/spends";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import type { NotificationsService } from "../notifications/index.ts";
import { lockSpend, type SpendsService, toSpendAccess } from "../spends/index.ts";
import { insertRevision, latestRevision, latestRevisionText, setJustificationTrack } from "./justifications.queries.ts";

export function createJustificationsService(deps: { db: Db; clock: Clock; spends: SpendsService; notifications: NotificationsService }) {
  const { db, clock, spends, notifications } = deps;
  return {
    /**
     * The worker's own account of the spend. Every submission is kept as a new revision; the
     * worker may revise until the justification is endorsed or under concern.
     */
    async submit(actor: Actor, spendId: string, input: JustificationInput): Promise<SpendDetail> {
      await spends.findVisible(actor, spendId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        // The row lock queues concurrent submissions and reviews, so each sees the last one's state.
        const spend = await lockSpend(tx, spendId);
        if (!spend) throw new NotFoundError("Spend");
        if (!canJustify(actor, toSpendAccess(spend))) throw new ForbiddenError("Only the worker who logged this spend writes its justification, and not once it is voided.");
        const from = spend.justificationStatus as JustificationStatus;
        // A phone that lost the reply sends the same text again (its outbox retries): while nobody
        // has reviewed it since, the same text from the same worker is that revision, not a new one.
        if (from === "submitted" && isSameRevision(await latestRevisionText(tx, spend.id), actor.id, input)) return;
        const to = nextState("justification", from, "submit");
        const revision = (await latestRevision(tx, spend.id)) + 1;
        await insertRevision(tx, { spendId: spend.id, revision, narrative: input.narrative, intendedOutcome: input.intendedOutcome, submittedBy: actor.id, createdAt: now });
        await setJustificationTrack(tx, spend.id, { status: to });
        await notifications.justificationArrived(tx, spend, revision);
        // The narrative stays out of the log: it is personal and may be long; the revision row holds it.
        await appendEvent(tx, { type: "justification.submitted", actorId: actor.id, subjectType: "spend", subjectId: spend.id, data: { revision, from, to } }, now);
      });
      return spends.detail(actor, spendId);
    },
  };
}

function isSameRevision(latest: { narrative: string; intendedOutcome: string; submittedBy: string } | null, actorId: string, input: JustificationInput): boolean {
  return latest !== null && latest.submittedBy === actorId && latest.narrative === input.narrative && latest.intendedOutcome === input.intendedOutcome;
}

export type JustificationsService = ReturnType<typeof createJustificationsService>;
