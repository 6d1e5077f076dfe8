import type { Db, Executor } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { todayIn } from "@greentape/domain/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "@greentape/domain/errors";
import { canRestrict, canSeeRestrictions } from "@greentape/domain/permissions";
import { describeRestriction, inForce, isInForce, type RestrictionInForce, type RestrictionInput, type RestrictionTerms } from "@greentape/domain/restrictions";
import type { RestrictionView } from "@greentape/contract/restrictions";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import type { NotificationsService } from "../notifications/index.ts";
import { findUserById, type UserRow } from "../users/index.ts";
import * as q from "./restrictions.queries.ts";
import { toRestrictionView } from "./restriction-view.ts";

const NO_RESTRICTION: RestrictionInForce<q.RestrictionRow> = { suspension: null, perSpendCap: null, perWorkerMonthlyCap: null, restrictions: [] };

/**
 * Refuses a suspended person's spend, and answers the lowered caps (null where none) for the caps
 * check to use. The spend reads the restrictions in force with its other checks, before any lock.
 */
export function refuseIfSuspended(state: RestrictionInForce<RestrictionTerms & { id: string }>): Pick<RestrictionInForce, "perSpendCap" | "perWorkerMonthlyCap"> {
  const { suspension } = state;
  if (suspension) {
    throw new RuleViolation("allowance-restricted", "Your spending is suspended", `${describeRestriction(suspension)} Reason: ${suspension.reason}`, {
      restrictionId: suspension.id,
      reason: suspension.reason,
      until: suspension.untilOn,
    });
  }
  return state;
}

/**
 * The individual response: a supervisor (their own team, never themselves) or an admin takes the
 * freedom from one person, with a reason, and gives it back. Each act is logged and the person is
 * told at once; nobody else's spending is touched.
 */
export function createRestrictionsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; notifications: Pick<NotificationsService, "restrictionChanged"> }) {
  const { db, clock, config, notifications } = deps;
  const today = () => todayIn(config.timeZone, clock.now());

  async function person(executor: Executor, userId: string): Promise<UserRow> {
    const user = await findUserById(executor, userId);
    if (!user) throw new NotFoundError("User");
    return user;
  }

  function mayRestrict(actor: Actor, user: UserRow) {
    if (!canRestrict(actor, user)) {
      throw new ForbiddenError("Only an admin, or a supervisor of the person's own team, can restrict someone who logs spends; never themselves.");
    }
  }

  /** What is in force for one person on a day; read in the caller's transaction, taking no lock. */
  async function inForceFor(executor: Executor, userId: string, on: string): Promise<RestrictionInForce<q.RestrictionRow>> {
    const rows = await q.restrictionsInForce(executor, userId, on);
    return rows.length === 0 ? NO_RESTRICTION : inForce(rows, on);
  }

  return {
    inForceFor,

    async list(actor: Actor, userId: string): Promise<{ items: RestrictionView[] }> {
      const user = await person(db, userId);
      if (!canSeeRestrictions(actor, user)) throw new ForbiddenError("A person's restrictions are shown to them, their team's supervisor, auditors and admins.");
      const on = today();
      return { items: (await q.restrictionsOf(db, userId)).map((r) => toRestrictionView(r, isInForce(r, on))) };
    },

    async restrict(actor: Actor, userId: string, input: RestrictionInput): Promise<RestrictionView> {
      const now = clock.now();
      const on = todayIn(config.timeZone, now);
      if (input.until !== undefined && input.until < on) throw ValidationError.field("until", `Until must be today (${on}) or later`);
      return db.transaction(async (tx) => {
        const user = await person(tx, userId);
        mayRestrict(actor, user);
        const row = await q.insertRestriction(tx, {
          userId,
          kind: input.kind,
          reason: input.reason,
          untilOn: input.until ?? null,
          perSpendCap: input.perSpendCap ?? null,
          perWorkerMonthlyCap: input.perWorkerMonthlyCap ?? null,
          createdBy: actor.id,
          createdAt: now,
        });
        // The reason is about a person: it stays in the restriction, not in the permanent log.
        await appendEvent(
          tx,
          {
            type: "restriction.set",
            actorId: actor.id,
            subjectType: "user",
            subjectId: userId,
            data: { restrictionId: row.id, kind: row.kind, until: row.untilOn, perSpendCap: row.perSpendCap, perWorkerMonthlyCap: row.perWorkerMonthlyCap },
          },
          now,
        );
        await notifications.restrictionChanged(tx, userId, row, actor, "set");
        return toRestrictionView(row, isInForce(row, on));
      });
    },

    async lift(actor: Actor, userId: string, restrictionId: string, reason: string): Promise<RestrictionView> {
      const now = clock.now();
      const on = todayIn(config.timeZone, now);
      return db.transaction(async (tx) => {
        const user = await person(tx, userId);
        mayRestrict(actor, user);
        const row = await q.lockRestriction(tx, userId, restrictionId);
        if (!row) throw new NotFoundError("Restriction");
        if (row.liftedAt !== null) throw new ConflictError("already-lifted", "Already lifted", "This restriction was already lifted.");
        if (!isInForce(row, on)) throw new ConflictError("restriction-ended", "Already ended", `This restriction ended after ${row.untilOn}; there is nothing to lift.`);
        const lifted = await q.markLifted(tx, row.id, { by: actor.id, at: now, reason });
        await appendEvent(tx, { type: "restriction.lifted", actorId: actor.id, subjectType: "user", subjectId: userId, data: { restrictionId: row.id, kind: row.kind } }, now);
        await notifications.restrictionChanged(tx, userId, lifted, actor, "lifted", reason);
        return toRestrictionView(lifted, false);
      });
    },
  };
}

export type RestrictionsService = ReturnType<typeof createRestrictionsService>;
