import { createHash, randomUUID } from "node:crypto";
import type { Db, Tx } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import { canonicalJson } from "@greentape/domain/canonical";
import { capMessage, rollingWindowPeak, type CapName } from "@greentape/domain/caps";
import { addDays, nextPeriod, periodOf, todayIn } from "@greentape/domain/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "@greentape/domain/errors";
import { computeFlags, normalisePayee, SPLIT_WINDOW_DAYS } from "@greentape/domain/flags";
import { canLogSpend, canSeeSpend, canVoid } from "@greentape/domain/permissions";
import { lowerCaps } from "@greentape/domain/restrictions";
import type { SpendInput } from "@greentape/domain/spend-input";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { PausesService } from "../pauses/pauses.service.ts";
import type { RestrictionsService } from "../restrictions/restrictions.service.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Actor } from "../../plugins/access.ts";
import { findClient, lockClient } from "../clients/clients.queries.ts";
import { lockPeriodForBooking } from "../periods/periods.queries.ts";
import { appliesToTeam } from "../schemes/scheme-view.ts";
import { findSchemeVersion, type SchemeVersionRow } from "../schemes/schemes.queries.ts";
import * as q from "./spends.queries.ts";
import { toSpendAccess } from "./spend-access.ts";
import { buildSpendDetail, type SpendDetail } from "./spend-detail.ts";
import { toSpendView } from "./spend-view.ts";

const TEAM_NORMAL_DAYS = 90;

export interface LoggedSpend {
  spend: q.SpendRow;
  /** True when this answer replays an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

function capExceeded(scheme: SchemeVersionRow, cap: CapName, limit: number, remaining: number): RuleViolation {
  return new RuleViolation("cap-exceeded", "This spend would go over a cap", capMessage(cap, limit, remaining, scheme.currency), {
    cap,
    limit,
    remaining,
    ...(cap === "perSpend" ? { route: "normal-approval" } : {}),
  });
}

export function createSpendsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone" | "maxSpendAgeDays">; pauses: PausesService; restrictions: Pick<RestrictionsService, "assertMaySpend"> }) {
  const { db, clock, config, pauses, restrictions } = deps;

  async function loadScheme(tx: Tx, actor: Actor, schemeId: string): Promise<SchemeVersionRow> {
    const scheme = await findSchemeVersion(tx, schemeId);
    if (!scheme || !appliesToTeam(scheme, actor.teamId)) throw ValidationError.field("schemeId", "No such scheme applies to your team");
    return scheme;
  }

  function checkDates(spentOn: string, today: string) {
    if (spentOn > today) throw ValidationError.field("spentOn", "Date spent cannot be in the future");
    const oldest = addDays(today, -config.maxSpendAgeDays);
    if (spentOn < oldest) throw ValidationError.field("spentOn", `Date spent cannot be more than ${config.maxSpendAgeDays} days ago`);
  }

  /**
   * Nothing dated in a closed period changes: a late spend is booked into the earliest open period.
   * Each period's row is held FOR SHARE until commit, so a close running meanwhile waits for this
   * booking, or this booking waits for the close and then moves on to the next period.
   */
  async function bookedPeriodFor(tx: Tx, period: string): Promise<string> {
    let booked = period;
    while ((await lockPeriodForBooking(tx, booked)) === "closed") booked = nextPeriod(booked);
    return booked;
  }

  /**
   * Team, then worker, then client: one fixed lock order, so concurrent spends queue rather than
   * deadlock. Each counter moves only if it stays within its cap.
   */
  async function holdCaps(tx: Tx, actor: Actor, teamId: string, scheme: SchemeVersionRow, input: SpendInput, period: string) {
    const { amount } = input;
    if (scheme.perSpendCap !== null && amount > scheme.perSpendCap) throw capExceeded(scheme, "perSpend", scheme.perSpendCap, scheme.perSpendCap);

    const monthly: [scope: "team" | "worker", owner: string, limit: number | null, cap: CapName][] = [
      ["team", teamId, scheme.teamMonthlyBudget, "teamMonthly"],
      ["worker", actor.id, scheme.perWorkerMonthlyCap, "perWorkerMonthly"],
    ];
    for (const [scope, owner, limit, cap] of monthly) {
      await q.ensureCounter(tx, scope, scheme.schemeId, owner, period);
      const used = await q.addToCounter(tx, scope, scheme.schemeId, owner, period, amount, limit);
      if (used === undefined && limit !== null) {
        const current = await q.counterUsed(tx, scope, scheme.schemeId, owner, period);
        throw capExceeded(scheme, cap, limit, Math.max(0, limit - current));
      }
    }

    // The rolling per-client window has no single counter; the client's row lock serialises it.
    await lockClient(tx, input.clientId);
    if (scheme.perClientCap !== null) {
      const window = scheme.perClientWindowDays;
      const nearby = await q.clientSpendsBetween(tx, input.clientId, scheme.schemeId, addDays(input.spentOn, -(window - 1)), addDays(input.spentOn, window - 1));
      const peakBefore = rollingWindowPeak(nearby, input.spentOn, window);
      if (rollingWindowPeak(nearby, input.spentOn, window, amount) > scheme.perClientCap) {
        throw capExceeded(scheme, "perClient", scheme.perClientCap, Math.max(0, scheme.perClientCap - peakBefore));
      }
    }
  }

  async function flagsFor(tx: Tx, actor: Actor, teamId: string, scheme: SchemeVersionRow, input: SpendInput, payeeKey: string, today: string) {
    const key = { workerId: actor.id, clientId: input.clientId, payeeKey };
    const sameWorkerClientPayee = await q.sameWorkerClientPayee(tx, key, addDays(input.spentOn, -SPLIT_WINDOW_DAYS), addDays(input.spentOn, SPLIT_WINDOW_DAYS));
    const duplicates = await q.countPossibleDuplicates(tx, { ...input, payeeKey });
    const teamAmounts = await q.teamCategoryAmounts(tx, teamId, input.category, addDays(today, -TEAM_NORMAL_DAYS), today);
    const payeeSeenInTeam = await q.teamHasPaidPayee(tx, teamId, payeeKey);
    return computeFlags({
      spend: { amount: input.amount, clientId: input.clientId, payee: input.payee, spentOn: input.spentOn, workerId: actor.id },
      loggedOn: today,
      perSpendCap: scheme.perSpendCap,
      recentSameWorkerClientPayee: sameWorkerClientPayee,
      sameClientAmountPayeeDate: duplicates,
      teamCategoryAmounts90d: teamAmounts,
      payeeSeenInTeam,
    });
  }

  function visibleFilter(actor: Actor, filter: q.SpendFilter): q.SpendFilter {
    // Narrow, never widen: a worker sees their own; a supervisor their team's; others all.
    if (actor.role === "worker") return { ...filter, workerId: actor.id };
    if (actor.role === "supervisor") return { ...filter, teamId: actor.teamId ?? "00000000-0000-0000-0000-000000000000" };
    return filter;
  }

  return {
    today: () => todayIn(config.timeZone, clock.now()),

    async list(actor: Actor, filter: q.SpendFilter, page: { cursor?: string | undefined; limit: number }) {
      if (actor.role === "supervisor" && filter.teamId && filter.teamId !== actor.teamId) return { items: [], nextCursor: null };
      if (actor.role === "worker" && filter.workerId && filter.workerId !== actor.id) return { items: [], nextCursor: null };
      const after = decodeCursor(page.cursor, ["createdAt", "id"] as const);
      const rows = await q.listSpends(db, visibleFilter(actor, filter), { after, limit: page.limit });
      const today = todayIn(config.timeZone, clock.now());
      const items = rows.slice(0, page.limit);
      const last = items.at(-1)?.spend;
      return {
        items: items.map((r) => ({ ...toSpendView(r.spend, today), receiptCount: r.receiptCount, receiptLost: r.receiptLost })),
        nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
      };
    },

    /** A spend the caller may not see is "not found", so ids of others' spends reveal nothing. */
    async findVisible(actor: Actor, spendId: string): Promise<q.SpendRow> {
      const spend = await q.findSpend(db, spendId);
      if (!spend || !canSeeSpend(actor, toSpendAccess(spend))) throw new NotFoundError("Spend");
      return spend;
    },

    async detail(actor: Actor, spendId: string): Promise<SpendDetail> {
      const spend = await this.findVisible(actor, spendId);
      return buildSpendDetail(db, actor, spend, todayIn(config.timeZone, clock.now()));
    },

    /**
     * Logs a spend with no approval step. Everything happens in one transaction: the idempotency
     * key is claimed, the caps are held, the spend is written and the event appended.
     */
    async log(actor: Actor, input: SpendInput, idempotencyKey: string): Promise<LoggedSpend> {
      if (!canLogSpend(actor) || !actor.teamId) throw new ForbiddenError("Only workers and supervisors in a team log spends.");
      const teamId = actor.teamId;
      const requestHash = createHash("sha256").update(canonicalJson(input)).digest("hex");
      const now = clock.now();
      const today = todayIn(config.timeZone, now);

      const outcome = await db.transaction(async (tx): Promise<LoggedSpend | { replayOf: string }> => {
        const spendId = randomUUID();
        // Concurrent requests with one key queue on its unique index; all but the first read it back.
        const claimed = await q.claimIdempotencyKey(tx, { userId: actor.id, key: idempotencyKey, requestHash, spendId, createdAt: now });
        if (!claimed) {
          const existing = await q.findIdempotencyKey(tx, actor.id, idempotencyKey);
          if (!existing || existing.requestHash !== requestHash) {
            throw new ConflictError("idempotency-key-reused", "Idempotency-Key already used", "This Idempotency-Key was already used for a different spend. Use a new key for a new spend.");
          }
          return { replayOf: existing.spendId };
        }

        const scheme = await loadScheme(tx, actor, input.schemeId);
        if (!scheme.categories.includes(input.category)) throw ValidationError.field("category", `Choose one of: ${scheme.categories.join(", ")}`);
        const client = await findClient(tx, input.clientId);
        if (!client || client.teamId !== teamId) throw ValidationError.field("clientId", "No such client in your team");
        checkDates(input.spentOn, today);
        await pauses.assertNotPaused(tx, actor.id, today);
        // A restriction on this person alone: suspended, or the scheme's caps lowered for them.
        const caps = lowerCaps(scheme, await restrictions.assertMaySpend(tx, actor.id, today));

        const period = periodOf(input.spentOn);
        await holdCaps(tx, actor, teamId, caps, input, period);
        const payeeKey = normalisePayee(input.payee);
        const flags = await flagsFor(tx, actor, teamId, scheme, input, payeeKey, today);
        const bookedPeriod = await bookedPeriodFor(tx, period);

        const spend = await q.insertSpend(tx, {
          id: spendId,
          workerId: actor.id,
          teamId,
          clientId: input.clientId,
          schemeId: scheme.schemeId,
          schemeVersion: scheme.version,
          amount: input.amount,
          currency: scheme.currency,
          category: input.category,
          payee: input.payee,
          payeeKey,
          payeeType: input.payeeType,
          paymentMethod: input.paymentMethod,
          spentOn: input.spentOn,
          period,
          bookedPeriod,
          note: input.note,
          flags: bookedPeriod !== period ? [...flags, "booked_late"] : flags,
          // The worker can only explain a spend once it is logged; the client is followed up after the spend itself.
          justificationDueOn: addDays(today, scheme.justificationDueDays),
          followUpDueOn: addDays(input.spentOn, scheme.followUpDueDays),
          createdAt: now,
        });
        await appendEvent(
          tx,
          {
            type: "spend.logged",
            actorId: actor.id,
            subjectType: "spend",
            subjectId: spend.id,
            data: {
              amount: spend.amount,
              currency: spend.currency,
              schemeId: spend.schemeId,
              schemeVersion: spend.schemeVersion,
              clientId: spend.clientId,
              teamId,
              category: spend.category,
              payee: spend.payee,
              spentOn: spend.spentOn,
              bookedPeriod,
              flags: spend.flags,
            },
          },
          now,
        );
        return { spend, replayed: false };
      });

      if ("replayOf" in outcome) {
        const spend = await q.findSpend(db, outcome.replayOf);
        if (!spend) throw new Error("idempotency key points at a missing spend");
        return { spend, replayed: true };
      }
      return outcome;
    },

    /** Voiding stops a spend counting against caps; nothing is deleted. After close it books a reversal. */
    async void(actor: Actor, spendId: string, reason: string): Promise<q.SpendRow> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const found = await q.findSpend(tx, spendId);
        if (!found || !canSeeSpend(actor, toSpendAccess(found))) throw new NotFoundError("Spend");
        // Same lock order as logging: team counter, worker counter, then the spend.
        for (const [scope, owner] of [["team", found.teamId], ["worker", found.workerId]] as const) {
          await q.ensureCounter(tx, scope, found.schemeId, owner, found.period);
        }
        const spend = await q.lockSpend(tx, spendId);
        if (!spend) throw new NotFoundError("Spend");
        if (spend.voidedAt) throw new ConflictError("already-voided", "Already voided", "This spend was already voided.");
        if (!canVoid(actor, toSpendAccess(spend), now)) {
          throw new ForbiddenError("A worker can void their own spend within 24 hours of logging it; after that, ask an admin.");
        }
        // A finding is evidence about this spend as it stood: voiding it would quietly change the
        // sample's population under the auditor. Read after the row lock, so a finding recorded
        // meanwhile (it takes the same lock) is seen.
        if (await q.hasAuditFinding(tx, spend.id)) {
          throw new ConflictError("under-audit", "Under audit", "An auditor has recorded a finding on this spend, so it can no longer be voided. Ask the auditor.");
        }
        await q.subtractFromCounter(tx, "team", spend.schemeId, spend.teamId, spend.period, spend.amount);
        await q.subtractFromCounter(tx, "worker", spend.schemeId, spend.workerId, spend.period, spend.amount);
        const voided = await q.markVoided(tx, spend.id, actor.id, reason, now);
        // Locked like a booking, so a void racing a close lands on one side of it, never inside.
        const openPeriod = await bookedPeriodFor(tx, spend.bookedPeriod);
        const reversalPeriod = openPeriod === spend.bookedPeriod ? null : openPeriod;
        if (reversalPeriod) await q.insertReversal(tx, { spendId: spend.id, bookedPeriod: reversalPeriod, amount: -spend.amount, createdAt: now });
        await appendEvent(tx, { type: "spend.voided", actorId: actor.id, subjectType: "spend", subjectId: spend.id, data: { reason, amount: spend.amount, reversalPeriod } }, now);
        return voided;
      });
    },
  };
}

export type SpendsService = ReturnType<typeof createSpendsService>;
