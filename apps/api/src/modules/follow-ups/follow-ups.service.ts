import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { todayIn } from "@greentape/domain/dates";
import { ForbiddenError, NotFoundError, ValidationError } from "@greentape/domain/errors";
import { canRecordFollowUp } from "@greentape/domain/permissions";
import { nextState, type FollowUpStatus } from "@greentape/domain/tracks";
import { followUpDateProblem, type FollowUpInput } from "@greentape/domain/workflow-input";
import type { SpendDetail } from "@greentape/contract/spends";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { lockSpend, type SpendsService, toSpendAccess } from "../spends/index.ts";
import { currentFollowUp, setFollowUpStatus, upsertFollowUp } from "./follow-ups.queries.ts";

export function createFollowUpsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; spends: SpendsService }) {
  const { db, clock, config, spends } = deps;
  return {
    /** Someone asked the client whether the spend helped: its worker or a supervisor of its team records it. */
    async record(actor: Actor, spendId: string, input: FollowUpInput): Promise<SpendDetail> {
      await spends.findVisible(actor, spendId);
      const now = clock.now();
      await db.transaction(async (tx) => {
        const spend = await lockSpend(tx, spendId);
        if (!spend) throw new NotFoundError("Spend");
        if (!canRecordFollowUp(actor, toSpendAccess(spend))) throw new ForbiddenError("Only the spend's worker or a supervisor of its team records the follow-up, and not once it is voided.");
        const problem = followUpDateProblem(input.contactedOn, spend.spentOn, todayIn(config.timeZone, now));
        if (problem) throw ValidationError.field("contactedOn", problem);
        const from = spend.followUpStatus as FollowUpStatus;
        const to = nextState("followUp", from, "record");
        const recorded = { contactedOn: input.contactedOn, method: input.method, outcome: input.outcome, clientView: input.clientView || null, notes: input.notes || null };
        // The same follow-up again (a phone retrying after a lost reply) changes nothing and is not logged twice.
        const current = await currentFollowUp(tx, spend.id);
        if (current && (Object.keys(recorded) as (keyof typeof recorded)[]).every((field) => current[field] === recorded[field])) return;
        await upsertFollowUp(tx, {
          spendId: spend.id,
          ...recorded,
          recordedBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        await setFollowUpStatus(tx, spend.id, to);
        // The client's words stay out of the log; the follow-up row holds them.
        await appendEvent(
          tx,
          { type: "follow_up.recorded", actorId: actor.id, subjectType: "spend", subjectId: spend.id, data: { contactedOn: input.contactedOn, method: input.method, outcome: input.outcome, from, to } },
          now,
        );
      });
      return spends.detail(actor, spendId);
    },
  };
}

export type FollowUpsService = ReturnType<typeof createFollowUpsService>;
