import { createHash, randomUUID } from "node:crypto";
import type { Db, Tx } from "@greentape/db/client";
import { appendEvent, eventRow } from "@greentape/db/event-log";
import { canonicalJson } from "@greentape/domain/canonical";
import { capMessage, rollingWindowPeak, type CapName } from "@greentape/domain/caps";
import { addDays, nextPeriod, periodOf, todayIn } from "@greentape/domain/dates";
import { ConflictError, ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "@greentape/domain/errors";
import { computeFlags, flagsAsBooked, normalisePayee, SPLIT_WINDOW_DAYS, type Flag } from "@greentape/domain/flags";
import { canLogSpend, canSeeSpend, canVoid } from "@greentape/domain/permissions";
import { inForce, lowerCaps } from "@greentape/domain/restrictions";
import type { SpendInput } from "@greentape/domain/spend-input";
import type { SpendDetail } from "@greentape/contract/spends";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Actor } from "../../plugins/access.ts";
import { refuseIfPaused } from "../pauses/index.ts";
import { ensurePeriod, lockPeriodForBooking } from "../../lib/periods.queries.ts";
import { refuseIfSuspended } from "../restrictions/index.ts";
import { appliesToTeam, type SchemeVersionRow } from "../schemes/index.ts";
import { insertSpendAndEvent, readSpendChecks, writeSpend, writeSpendAlone, type CheckedScheme, type SpendChecks, type SpendRefusal } from "./spend-write.queries.ts";
import * as q from "./spends.queries.ts";
import { toSpendAccess } from "./spend-access.ts";
import { buildSpendDetail } from "./spend-detail.ts";
import { toSpendView } from "./spend-view.ts";

const TEAM_NORMAL_DAYS = 90;
/** A period closes once a month: a spend that finds its period closed under it tries again once or twice. */
const MAX_BOOKING_ATTEMPTS = 3;

export interface LoggedSpend {
  spend: q.SpendRow;
  /** True when this answer replays an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** Why the write wrote nothing: the transaction rolls back, then the service answers. */
class WriteRefusal extends Error {
  constructor(readonly reason: Exclude<SpendRefusal, "client-moved">) {
    super(reason);
  }
}

function capExceeded(scheme: Pick<SchemeVersionRow, "currency">, cap: CapName, limit: number, remaining: number): RuleViolation {
  return new RuleViolation("cap-exceeded", "This spend would go over a cap", capMessage(cap, limit, remaining, scheme.currency), {
    cap,
    limit,
    remaining,
    ...(cap === "perSpend" ? { route: "normal-approval" } : {}),
  });
}

export function createSpendsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone" | "maxSpendAgeDays"> }) {
  const { db, clock, config } = deps;

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
   * The read-only rules, on what the checks read: anything refused here has taken no lock. Answers
   * the scheme and the caps that hold for this person (a restriction may lower theirs).
   */
  function validate(actor: Actor, teamId: string, input: SpendInput, checks: SpendChecks, today: string): { scheme: CheckedScheme; caps: CheckedScheme } {
    const { scheme, client } = checks;
    if (!scheme || !appliesToTeam(scheme, actor.teamId)) throw ValidationError.field("schemeId", "No such scheme applies to your team");
    if (!scheme.categories.includes(input.category)) throw ValidationError.field("category", `Choose one of: ${scheme.categories.join(", ")}`);
    if (!client || client.teamId !== teamId) throw ValidationError.field("clientId", "No such client in your team");
    checkDates(input.spentOn, today);
    refuseIfPaused(checks.owed, checks.snoozedUntil, today);
    // A restriction on this person alone: suspended, or the scheme's caps lowered for them.
    const caps = lowerCaps(scheme, refuseIfSuspended(inForce(checks.restrictions, today)));
    if (caps.perSpendCap !== null && input.amount > caps.perSpendCap) throw capExceeded(scheme, "perSpend", caps.perSpendCap, caps.perSpendCap);
    return { scheme, caps };
  }

  /**
   * The rules that read the client's other spends: the rolling per-client cap (no single counter
   * holds it) and the flags. Run on the checks, and again under the client's row lock if another
   * spend for the client committed in between.
   */
  function clientRules(actor: Actor, { scheme, caps }: { scheme: CheckedScheme; caps: CheckedScheme }, input: SpendInput, checks: SpendChecks, today: string): Flag[] {
    if (caps.perClientCap !== null) {
      const window = caps.perClientWindowDays;
      const peakBefore = rollingWindowPeak(checks.clientWindow, input.spentOn, window);
      if (rollingWindowPeak(checks.clientWindow, input.spentOn, window, input.amount) > caps.perClientCap) {
        throw capExceeded(scheme, "perClient", caps.perClientCap, Math.max(0, caps.perClientCap - peakBefore));
      }
    }
    return computeFlags({
      spend: { amount: input.amount, clientId: input.clientId, payee: input.payee, spentOn: input.spentOn, workerId: actor.id },
      loggedOn: today,
      perSpendCap: scheme.perSpendCap,
      recentSameWorkerClientPayee: checks.sameWorkerClientPayee,
      sameClientAmountPayeeDate: checks.duplicates,
      teamCategoryAmounts90d: checks.teamAmounts.map(Number),
      payeeSeenInTeam: checks.payeeSeen,
    });
  }

  /** The earliest period from the spend's own that is not closed. */
  function bookedPeriodIn(period: string, known: SpendChecks["periods"]): string {
    let booked = period;
    while (known[booked] === "closed") booked = nextPeriod(booked);
    return booked;
  }

  /** The spend's row as inserted (the columns it leaves to their defaults given those defaults), and its event. */
  function spendAndEvent(actor: Actor, teamId: string, input: SpendInput, scheme: CheckedScheme, flagged: Flag[], booking: { period: string; bookedPeriod: string; today: string; now: Date; spendId: string }) {
    const { period, bookedPeriod, today, now } = booking;
    const spend: q.SpendRow = {
      id: booking.spendId,
      workerId: actor.id,
      teamId,
      clientId: input.clientId,
      schemeId: scheme.schemeId,
      schemeVersion: scheme.version,
      amount: input.amount,
      currency: scheme.currency,
      category: input.category,
      payee: input.payee,
      payeeKey: normalisePayee(input.payee),
      payeeType: input.payeeType ?? null,
      paymentMethod: input.paymentMethod,
      spentOn: input.spentOn,
      period,
      bookedPeriod,
      note: input.note,
      vatAmount: input.irrecoverableVat ?? null,
      merchantCategory: null,
      flags: flagsAsBooked(flagged, period, bookedPeriod),
      justificationStatus: "due",
      // The worker can only explain a spend once it is logged; the client is followed up after the spend itself.
      justificationDueOn: addDays(today, scheme.justificationDueDays),
      followUpStatus: "pending",
      followUpDueOn: addDays(input.spentOn, scheme.followUpDueDays),
      auditStatus: "not_sampled",
      voidedAt: null,
      voidedBy: null,
      voidReason: null,
      createdAt: now,
    };
    const event = eventRow(
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
          ...(spend.vatAmount === null ? {} : { irrecoverableVat: spend.vatAmount }),
        },
      },
      now,
    );
    const values = {
      spendId: spend.id,
      workerId: spend.workerId,
      teamId,
      clientId: spend.clientId,
      schemeId: spend.schemeId,
      schemeVersion: spend.schemeVersion,
      amount: spend.amount,
      currency: spend.currency,
      category: spend.category,
      payee: spend.payee,
      payeeKey: spend.payeeKey,
      payeeType: spend.payeeType,
      paymentMethod: spend.paymentMethod,
      vatAmount: spend.vatAmount,
      spentOn: spend.spentOn,
      period,
      bookedPeriod,
      note: spend.note,
      flags: spend.flags,
      justificationDueOn: spend.justificationDueOn,
      followUpDueOn: spend.followUpDueOn,
      now,
      eventData: JSON.stringify(event.data),
      leafHash: Buffer.from(event.leafHash).toString("hex"),
    };
    return { spend, values };
  }

  /**
   * The write again, for when another spend for the same client committed between the checks and
   * the write: in a transaction, so once this one holds the client's row the checks are read again
   * (`replan`) and the spend inserted on what they say, and a busy client still makes progress.
   */
  type PlannedSpend = ReturnType<typeof spendAndEvent>;

  async function writeHoldingClient(
    first: PlannedSpend,
    values: Parameters<typeof writeSpend>[1],
    replan: (tx: Tx) => Promise<PlannedSpend>,
  ): Promise<LoggedSpend> {
    return db.transaction(async (tx) => {
      const outcome = await writeSpend(tx, values);
      if (!outcome.claimed) throw new WriteRefusal("key-taken");
      if (outcome.teamUsed === null) throw new WriteRefusal("teamMonthly");
      if (outcome.workerUsed === null) throw new WriteRefusal("perWorkerMonthly");
      if (outcome.written) return { spend: first.spend, replayed: false };
      if (Number(outcome.clientBefore) === values.spendsLogged) throw new WriteRefusal("period-closed");
      const planned = await replan(tx);
      if (!(await insertSpendAndEvent(tx, planned.values))) throw new WriteRefusal("period-closed");
      return { spend: planned.spend, replayed: false };
    });
  }

  /**
   * One try at logging: the checks, then one statement. Undefined when the period it
   * would book into closed in between (the caller tries again, and books into the next).
   */
  async function tryLog(actor: Actor, teamId: string, input: SpendInput, idempotencyKey: string, requestHash: string): Promise<LoggedSpend | undefined> {
    const now = clock.now();
    const today = todayIn(config.timeZone, now);
    const period = periodOf(input.spentOn);
    const checkValues = {
      schemeId: input.schemeId,
      workerId: actor.id,
      idempotencyKey,
      clientId: input.clientId,
      today,
      spentOn: input.spentOn,
      payeeKey: normalisePayee(input.payee),
      splitDays: SPLIT_WINDOW_DAYS,
      amount: input.amount,
      teamId,
      category: input.category,
      teamNormalDays: TEAM_NORMAL_DAYS,
      period,
    };
    const checks = await readSpendChecks(db, checkValues);
    if (checks.key) return replay(checks.key, requestHash);
    const rules = validate(actor, teamId, input, checks, today);
    const { scheme, caps } = rules;
    const bookedPeriod = bookedPeriodIn(period, checks.periods);
    // A period's row must exist to be held for booking; a new month's is made here, once.
    if (checks.periods[bookedPeriod] === undefined) await ensurePeriod(db, bookedPeriod);
    const booking = { period, bookedPeriod, today, now, spendId: randomUUID() };
    const planned = spendAndEvent(actor, teamId, input, scheme, clientRules(actor, rules, input, checks, today), booking);

    const writeValues = { ...planned.values, idempotencyKey, requestHash, teamLimit: caps.teamMonthlyBudget, workerLimit: caps.perWorkerMonthlyCap, spendsLogged: checks.client?.spendsLogged };
    const alone = await writeSpendAlone(db, writeValues);
    if (alone.written) return { spend: planned.spend, replayed: false };
    let refusal = alone.refusal;
    if (refusal === "client-moved") {
      try {
        return await writeHoldingClient(planned, writeValues, async (tx) => {
          const fresh = await readSpendChecks(tx, checkValues);
          return spendAndEvent(actor, teamId, input, scheme, clientRules(actor, rules, input, fresh, today), booking);
        });
      } catch (error) {
        if (!(error instanceof WriteRefusal)) throw error;
        refusal = error.reason;
      }
    }
    // Nothing the refused write moved stays moved.
    switch (refusal) {
      case "key-taken": {
        const existing = await q.findIdempotencyKey(db, actor.id, idempotencyKey);
        if (!existing) throw new Error("an idempotency key was taken by a transaction that did not commit");
        return replay(existing, requestHash);
      }
      case "teamMonthly":
      case "perWorkerMonthly": {
        const [scope, owner, limit] = refusal === "teamMonthly" ? (["team", teamId, caps.teamMonthlyBudget] as const) : (["worker", actor.id, caps.perWorkerMonthlyCap] as const);
        const current = await q.counterUsed(db, scope, scheme.schemeId, owner, period);
        throw capExceeded(scheme, refusal, limit ?? 0, Math.max(0, (limit ?? 0) - current));
      }
      case "period-closed":
        return undefined;
    }
  }

  /** The same key again: the same body gets the first answer; a different one is a conflict. */
  async function replay(existing: { requestHash: string; spendId: string }, requestHash: string): Promise<LoggedSpend> {
    if (existing.requestHash !== requestHash) {
      throw new ConflictError("idempotency-key-reused", "Idempotency-Key already used", "This Idempotency-Key was already used for a different spend. Use a new key for a new spend.");
    }
    const spend = await q.findSpend(db, existing.spendId);
    if (!spend) throw new Error("idempotency key points at a missing spend");
    return { spend, replayed: true };
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
      const last = items.at(-1);
      return {
        items: items.map((r) => ({ ...toSpendView(r, today), receiptCount: r.receiptCount, receiptLost: r.receiptLost })),
        nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
      };
    },

    /** What the caller spent in a month (the current one unless said), voided spends left out; minor units. */
    async monthTotal(actor: Actor, period: string | undefined) {
      const month = period ?? periodOf(todayIn(config.timeZone, clock.now()));
      const totals = await q.monthTotalsOf(db, actor.id, month);
      return { period: month, count: totals.reduce((n, t) => n + t.count, 0), totals: totals.map((t) => ({ currency: t.currency, amount: t.amount })) };
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
     * Logs a spend with no approval step. Every read-only rule is checked first, outside any
     * lock; then one transaction of one statement claims the idempotency key, holds the caps,
     * writes the spend and appends its event. Four round trips: the checks, begin, the write, commit.
     */
    async log(actor: Actor, input: SpendInput, idempotencyKey: string): Promise<LoggedSpend> {
      if (!canLogSpend(actor) || !actor.teamId) throw new ForbiddenError("Only workers and supervisors in a team log spends.");
      const requestHash = createHash("sha256").update(canonicalJson(input)).digest("hex");
      for (let attempt = 1; attempt <= MAX_BOOKING_ATTEMPTS; attempt += 1) {
        const logged = await tryLog(actor, actor.teamId, input, idempotencyKey, requestHash);
        if (logged) return logged;
      }
      throw new Error(`the spend's period closed under it ${MAX_BOOKING_ATTEMPTS} times in a row`);
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
