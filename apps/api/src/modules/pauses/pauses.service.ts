import type { Db, Executor } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { addDays, todayIn } from "@greentape/domain/dates";
import type { JustificationStatus } from "@greentape/domain/tracks";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation } from "@greentape/domain/errors";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import { findUserById } from "../users/index.ts";
import { insertSnooze, latestSnooze, membersOwingPastGrace, snoozesSince, spendsOverduePastGrace } from "./pauses.queries.ts";

/** A supervisor may lift a pause at most this many times in a row before the worker must catch up. */
export const MAX_SNOOZES_IN_A_ROW = 2;

export interface MemberPause extends PauseState {
  worker: { id: string; name: string };
}

export interface PauseState {
  paused: boolean;
  overdueSpends: { id: string; amount: number; currency: string; payee: string; spentOn: string; justificationDueOn: string; justificationStatus: JustificationStatus }[];
  snoozedUntil: string | null;
  snoozesInARow: number;
}

/** A snooze lifts the pause through its last day. */
function snoozeInForce(untilOn: string | null, today: string): string | null {
  return untilOn !== null && untilOn >= today ? untilOn : null;
}

function isPaused(overdueCount: number, snoozedUntil: string | null): boolean {
  return overdueCount > 0 && snoozedUntil === null;
}

/**
 * Refuses a new spend while the worker owes justifications past their grace and no snooze is in
 * force. The spend reads both with its other checks, before any cap moves.
 */
export function refuseIfPaused(overdueSpends: PauseState["overdueSpends"], latestSnoozeUntil: string | null, today: string): void {
  if (!isPaused(overdueSpends.length, snoozeInForce(latestSnoozeUntil, today))) return;
  const count = overdueSpends.length;
  throw new RuleViolation(
    "allowance-paused",
    "New spends are paused until you catch up",
    `You have ${count} justification${count === 1 ? "" : "s"} overdue past the grace period. Write ${count === 1 ? "it" : "them"} and your green light comes back at once; your supervisor can also lift the pause for a few days.`,
    { overdueSpends },
  );
}

/**
 * Trust before the spend is repaid by the justification after it. Once a justification is overdue
 * past its scheme's grace days, the worker's new spends pause; catching up lifts the pause at once,
 * because the state is derived from the spends, never stored.
 */
export function createPausesService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone"> }) {
  const { db, clock, config } = deps;

  async function stateOf(executor: Executor, workerId: string, today: string): Promise<PauseState> {
    const overdue = await spendsOverduePastGrace(executor, workerId, today);
    const snooze = await latestSnooze(executor, workerId);
    const snoozedUntil = snoozeInForce(snooze?.untilOn ?? null, today);
    // Snoozes "in a row" are those granted since the oldest debt still owed fell past its grace:
    // catching up clears the debt, and with it the count.
    const oldest = overdue[0];
    const streakStart = oldest ? new Date(`${addDays(oldest.justificationDueOn, oldest.graceDays + 1)}T00:00:00Z`) : null;
    const inARow = streakStart ? (await snoozesSince(executor, workerId, streakStart)).length : 0;
    return {
      paused: isPaused(overdue.length, snoozedUntil),
      overdueSpends: overdue.map(({ graceDays: _grace, ...spend }) => spend),
      snoozedUntil,
      snoozesInARow: inARow,
    };
  }

  return {
    stateOf: (workerId: string) => stateOf(db, workerId, todayIn(config.timeZone, clock.now())),

    /**
     * The supervisor's team members whose spending is paused now, or was un-paused by a snooze
     * that has not run out, by name. Only members owing a justification past its grace can be
     * either, so only theirs are worked out.
     */
    async teamPauses(actor: Actor): Promise<MemberPause[]> {
      if (actor.role !== "supervisor" || actor.teamId === null) throw new ForbiddenError("Only a team's supervisor sees who in it is paused.");
      const today = todayIn(config.timeZone, clock.now());
      const members = await membersOwingPastGrace(db, actor.teamId, today);
      const states = await Promise.all(members.map(async (worker) => ({ worker, ...(await stateOf(db, worker.id, today)) })));
      return states.filter((s) => s.paused || (s.snoozedUntil !== null && s.overdueSpends.length > 0));
    },

    async snooze(actor: Actor, workerId: string, input: { days: number; reason: string }) {
      const now = clock.now();
      const today = todayIn(config.timeZone, now);
      return db.transaction(async (tx) => {
        const worker = await findUserById(tx, workerId);
        if (!worker || worker.teamId === null) throw new NotFoundError("Worker");
        if (actor.role !== "supervisor" || actor.teamId !== worker.teamId || actor.id === worker.id) {
          throw new ForbiddenError("Only a supervisor of the worker's team can lift their pause, and never their own.");
        }
        const state = await stateOf(tx, workerId, today);
        if (!state.paused) throw new ConflictError("not-paused", "Not paused", "This worker's spending is not paused.");
        if (state.snoozesInARow >= MAX_SNOOZES_IN_A_ROW) {
          throw new RuleViolation("snooze-limit", "Snoozed twice already", `A pause can be lifted at most ${MAX_SNOOZES_IN_A_ROW} times in a row; the worker must now catch up on their justifications.`);
        }
        const untilOn = addDays(today, input.days);
        const created = await insertSnooze(tx, { workerId, grantedBy: actor.id, reason: input.reason, untilOn, createdAt: now });
        await appendEvent(
          tx,
          { type: "pause.snoozed", actorId: actor.id, subjectType: "user", subjectId: workerId, data: { untilOn, days: input.days, reason: input.reason, overdueSpendIds: state.overdueSpends.map((s) => s.id) } },
          now,
        );
        return { id: created.id, workerId, untilOn, reason: created.reason, grantedBy: actor.id, createdAt: created.createdAt.toISOString() };
      });
    },
  };
}

export type PausesService = ReturnType<typeof createPausesService>;
