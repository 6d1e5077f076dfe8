import type { Db, Tx } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { addDays, todayIn } from "@greentape/domain/dates";
import { ForbiddenError, NotFoundError } from "@greentape/domain/errors";
import { canReview } from "@greentape/domain/permissions";
import { nextState, type JustificationStatus } from "@greentape/domain/tracks";
import { REVIEW_DECISION_EVENTS, type ReviewInput } from "@greentape/domain/workflow-input";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { latestRevision, setJustificationTrack } from "../justifications/index.ts";
import type { NotificationsService } from "../notifications/index.ts";
import { findSchemeVersion } from "../schemes/index.ts";
import { lockSpend, type SpendRow, type SpendsService, toSpendAccess } from "../spends/index.ts";
import { insertReview } from "./reviews.queries.ts";

export interface ReviewView {
  id: string;
  spendId: string;
  reviewer: { id: string; name: string };
  decision: string;
  comment: string;
  revision: number;
  createdAt: string;
  justificationStatus: string;
  justificationDueOn: string;
}

export function createReviewsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; spends: SpendsService; notifications: NotificationsService }) {
  const { db, clock, config, spends, notifications } = deps;

  /**
   * A query hands the case back: the worker gets the scheme's days to answer from today, so a
   * question asked late never makes them overdue at once. The deadline never moves earlier.
   */
  async function answerBy(tx: Tx, spend: SpendRow, today: string): Promise<string> {
    const scheme = await findSchemeVersion(tx, spend.schemeId, spend.schemeVersion);
    if (!scheme) throw new Error(`scheme ${spend.schemeId} v${spend.schemeVersion} of spend ${spend.id} is missing`);
    const fresh = addDays(today, scheme.justificationDueDays);
    return fresh > spend.justificationDueOn ? fresh : spend.justificationDueOn;
  }

  return {
    /** Only a supervisor of the spend's team reviews it, never their own spend, and only a submitted justification. */
    async review(actor: Actor, spendId: string, input: ReviewInput): Promise<ReviewView> {
      await spends.findVisible(actor, spendId);
      const now = clock.now();
      return db.transaction(async (tx) => {
        const spend = await lockSpend(tx, spendId);
        if (!spend) throw new NotFoundError("Spend");
        if (!canReview(actor, toSpendAccess(spend))) {
          throw new ForbiddenError(
            spend.workerId === actor.id ? "Nobody reviews their own spend: another supervisor of the team reviews it." : "Only a supervisor of the spend's team reviews it, and not once it is voided.",
          );
        }
        const from = spend.justificationStatus as JustificationStatus;
        const to = nextState("justification", from, REVIEW_DECISION_EVENTS[input.decision]);
        const revision = await latestRevision(tx, spend.id);
        const dueOn = input.decision === "query" ? await answerBy(tx, spend, todayIn(config.timeZone, now)) : spend.justificationDueOn;
        const review = await insertReview(tx, { spendId: spend.id, reviewerId: actor.id, decision: input.decision, comment: input.comment, revision, createdAt: now });
        await setJustificationTrack(tx, spend.id, { status: to, dueOn });
        await notifications.reviewed(tx, spend, actor, input.decision);
        await appendEvent(
          tx,
          {
            type: "justification.reviewed",
            actorId: actor.id,
            subjectType: "spend",
            subjectId: spend.id,
            data: { reviewId: review.id, decision: input.decision, revision, from, to, justificationDueOn: dueOn },
          },
          now,
        );
        return {
          id: review.id,
          spendId: spend.id,
          reviewer: { id: actor.id, name: actor.name },
          decision: review.decision,
          comment: review.comment,
          revision,
          createdAt: review.createdAt.toISOString(),
          justificationStatus: to,
          justificationDueOn: dueOn,
        };
      });
    },
  };
}

export type ReviewsService = ReturnType<typeof createReviewsService>;
