import { randomBytes } from "node:crypto";
import type { Db } from "@greentape/db/client";
import { appendEvent } from "@greentape/db/event-log";
import type { DrawSampleInput, FindingInput } from "@greentape/domain/audit-input";
import { DEVIATION_DEFINITION, monetaryUnitReport, monetaryUnitStatement, statementOf, summariseFindings, tallyByReason } from "@greentape/domain/audit-report";
import { todayIn } from "@greentape/domain/dates";
import { monthInWords } from "@greentape/domain/dates-in-words";
import { ForbiddenError, NotFoundError, RuleViolation, ValidationError } from "@greentape/domain/errors";
import { MAX_SAMPLE_SIZE } from "@greentape/domain/audit-input";
import { formatMoney } from "@greentape/domain/money";
import { canDrawSample, canRecordFinding } from "@greentape/domain/permissions";
import { composeSample, overdueCutoff, recentFindingSince, riskClassifier, SAMPLE_REASON_DESCRIPTIONS, type RiskReason } from "@greentape/domain/risk-strata";
import { compareCodeUnits, DEFAULT_TOLERABLE_RATE, decideSampleSize, explainRecentFindings, explainRiskAddition, inSamplingOrder, SAMPLER_NAMES, type SampleMethod } from "@greentape/domain/sample-plan";
import { datasetDigest, monetaryUnitSample, rivestSampleWithoutReplacement, SAMPLER_VERSION, type SampleItem } from "@greentape/domain/sampling";
import { nextState, type AuditStatus, type JustificationStatus } from "@greentape/domain/tracks";
import type { SampleParameters } from "@greentape/contract/audit";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import { decodeCursor, encodeCursor } from "../../lib/cursor.ts";
import type { Actor } from "../../plugins/access.ts";
import type { LogService } from "../log/index.ts";
import { lockSpend, toSpendAccess, toSpendView, userNames } from "../spends/index.ts";
import * as q from "./audit.queries.ts";
import { parametersOf, toSampleDetail, toSampleHead, toSampleItem, toSampleItemDetail, toSampleSummary, toSampleView, toSpendPeople } from "./sample-view.ts";

/** 128 bits: nobody can have guessed the sample before it was drawn. */
const SEED_BYTES = 16;
const SAMPLED = nextState("audit", "not_sampled", "sample");

/**
 * The random part: Rivest's pick k is the k-th spend of the population in id order; monetary
 * unit sampling picks by amount. Both depend only on the seed, the size and the population.
 */
async function drawRandomPart(method: SampleMethod, seed: string, population: readonly SampleItem[], size: number): Promise<string[]> {
  if (population.length === 0) return [];
  if (method === "monetary_unit") return monetaryUnitSample(seed, population, size);
  const picks = await rivestSampleWithoutReplacement(seed, population.length, size);
  return picks.map((k) => (population[k - 1] as SampleItem).id);
}

function spendList(ids: readonly string[]): string {
  return ids.length === 1 ? `spend ${ids[0]}` : `spends ${ids.join(", ")}`;
}

/**
 * What happened to the population since the draw, naming each spend that joined or left it (a
 * spend whose amount changed would do both). Samples drawn before their population was recorded
 * can only give the counts.
 */
function describeChanges(period: string, before: number, after: number, changes: { joined: readonly string[]; left: readonly string[] } | null): string {
  const counts = `${before} ${before === 1 ? "spend" : "spends"} at the draw, ${after} now`;
  if (changes === null) return `The spends booked in ${period} have changed since the draw (${counts}); this sample was drawn before the population's spends were recorded, so which ones cannot be named.`;
  const parts = [
    changes.joined.length > 0 ? `Joined since: ${spendList(changes.joined)}.` : null,
    changes.left.length > 0 ? `Left since (voided while the month was open): ${spendList(changes.left)}.` : null,
  ].filter((part) => part !== null);
  return [`The spends booked in ${period} have changed since the draw (${counts}).`, ...parts].join(" ");
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function createAuditService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone">; log: Pick<LogService, "checkpoint"> }) {
  const { db, clock, config, log } = deps;
  const today = () => todayIn(config.timeZone, clock.now());

  async function loadSample(id: string) {
    const sample = await q.findSample(db, id);
    if (!sample) throw new NotFoundError("Audit sample");
    return sample;
  }

  async function detailedItems(sampleId: string) {
    const rows = await q.itemsWithSpends(db, sampleId);
    const names = await userNames(db, rows.flatMap((r) => (r.item.findingBy ? [r.item.findingBy] : [])));
    const now = today();
    return rows.map((r) => toSampleItemDetail(r.item, r.spend, r.people, now, (id) => names.get(id) ?? "Unknown"));
  }

  return {
    /**
     * Draws and records a sample in one transaction: the population is read, the random part
     * drawn from the seed, the risk strata added, the spends' audit tracks moved and the event
     * appended, so the record always describes exactly the population it was drawn from.
     */
    async draw(actor: Actor, input: DrawSampleInput) {
      if (!canDrawSample(actor)) throw new ForbiddenError("Only auditors draw audit samples.");
      const now = clock.now();
      const drawnOn = todayIn(config.timeZone, now);
      const seed = input.seed ?? randomBytes(SEED_BYTES).toString("hex");

      const { sample, planned } = await db.transaction(async (tx) => {
        const population = inSamplingOrder(await q.populationItems(tx, input.period));
        if (population.length === 0) {
          throw new RuleViolation("empty-population", "Nothing to sample", `There are no spends in ${input.period} to sample (voided spends are not counted).`, { period: input.period });
        }
        const rules = { today: drawnOn, overdueDays: input.overdueDays };
        // Calibrated trust: a worker with a recent major or misuse finding has all their spends checked.
        const since = recentFindingSince(drawnOn);
        const recentFindingWorkers = input.riskRules ? await q.workersWithRecentFinding(tx, since, now) : [];
        // The digest is hashed while the database answers the other two questions.
        const [digest, schemeRate, candidates] = await Promise.all([
          datasetDigest(population),
          input.tolerableRate === undefined ? q.strictestSchemeTolerableRate(tx, input.period) : null,
          input.riskRules ? q.riskCandidates(tx, input.period, { overdueBefore: overdueCutoff(rules), topStratumAmount: input.topStratumAmount ?? null, recentFindingWorkers }) : [],
        ]);
        const tolerableRate = input.tolerableRate ?? schemeRate ?? DEFAULT_TOLERABLE_RATE;
        const bookValue = population.reduce((sum, item) => sum + item.amount, 0);
        const monetaryUnit =
          input.method === "monetary_unit"
            ? {
                bookValue,
                // Unless the auditor says otherwise, the tolerable rate of the month's total (at least a penny).
                tolerableMisstatement: input.tolerableMisstatement ?? Math.max(1, Math.floor(bookValue * tolerableRate)),
                expectedMisstatement: input.expectedMisstatement ?? 0,
              }
            : undefined;
        const decision = decideSampleSize({
          populationSize: population.length,
          period: input.period,
          size: input.size,
          rate: input.rate,
          confidence: input.confidence,
          tolerableRate,
          monetaryUnit,
        });
        if (decision.size > MAX_SAMPLE_SIZE) {
          throw ValidationError.field("tolerableMisstatement", `That would need ${decision.size.toLocaleString("en-GB")} hits; tolerate more than ${formatMoney(monetaryUnit?.tolerableMisstatement ?? 0)} or give a size`);
        }
        const randomIds = await drawRandomPart(input.method, seed, population, decision.size);

        const classify = riskClassifier(rules);
        const risky = new Map<string, RiskReason[]>();
        for (const c of candidates) {
          const reasons = classify({
            amount: c.amount,
            flags: c.flags,
            justificationStatus: c.justificationStatus as JustificationStatus,
            justificationDueOn: c.justificationDueOn,
            concernReview: c.concernReview,
            receiptLost: c.receiptLost,
            topStratumAmount: input.topStratumAmount ?? c.schemeTopStratumAmount,
            recentFinding: c.recentFinding,
          });
          if (reasons.length > 0) risky.set(c.id, reasons);
        }
        const planned = composeSample(randomIds, risky);
        const riskOnly = planned.filter((i) => i.stratum === "risk").length;
        const recentFindingItems = planned.filter((i) => i.reasons.includes("recent_finding")).length;

        const parameters: SampleParameters = {
          size: decision.size,
          sizeBasis: decision.basis,
          sizeExplanation: [decision.explanation, explainRiskAddition(input.riskRules ? riskOnly : null), ...(input.riskRules ? [explainRecentFindings(recentFindingWorkers.length, recentFindingItems, since)] : [])].join(" "),
          requestedSize: input.size ?? null,
          rate: input.rate ?? null,
          confidence: input.confidence,
          tolerableRate,
          tolerableRateSource: input.tolerableRate !== undefined ? "request" : schemeRate !== null ? "scheme" : "default",
          tolerableMisstatement: monetaryUnit?.tolerableMisstatement ?? null,
          expectedMisstatement: monetaryUnit?.expectedMisstatement ?? null,
          expectedDeviations: 0,
          riskRules: input.riskRules,
          topStratumAmount: input.topStratumAmount ?? null,
          overdueDays: input.overdueDays,
          drawnOn,
          datasetDigestVersion: SAMPLER_VERSION.datasetDigest,
          recentFindingWorkerIds: recentFindingWorkers,
          recentFindingSince: input.riskRules ? since : null,
        };
        const sample = await q.insertSample(tx, {
          period: input.period,
          seed,
          method: input.method,
          parameters,
          algorithm: SAMPLER_NAMES[input.method],
          algorithmVersion: SAMPLER_VERSION[input.method],
          datasetDigest: digest,
          populationSize: population.length,
          populationTotal: bookValue,
          populationIds: population.map((item) => item.id),
          logCheckpoint: await log.checkpoint(tx),
          drawnBy: actor.id,
          createdAt: now,
        });
        await q.insertItems(tx, planned.map((i) => ({ sampleId: sample.id, spendId: i.spendId, position: i.position, reasons: i.reasons })));
        await q.moveAuditTrack(tx, planned.map((i) => i.spendId), "not_sampled", SAMPLED);
        await appendEvent(
          tx,
          {
            type: "audit.sample_drawn",
            actorId: actor.id,
            subjectType: "audit_sample",
            subjectId: sample.id,
            data: {
              period: sample.period,
              seed,
              method: sample.method,
              algorithmVersion: sample.algorithmVersion,
              size: decision.size,
              populationSize: sample.populationSize,
              datasetDigest: sample.datasetDigest,
              randomSpendIds: planned.filter((i) => i.stratum === "random").map((i) => i.spendId),
              riskSpendIds: planned.filter((i) => i.stratum === "risk").map((i) => i.spendId),
              recentFindingWorkerIds: recentFindingWorkers,
            },
          },
          now,
        );
        return { sample, planned };
      });
      return toSampleView(sample, planned);
    },

    async list(filter: { period?: string | undefined }, page: { cursor?: string | undefined; limit: number }) {
      const after = decodeCursor(page.cursor, ["createdAt", "id"] as const);
      const rows = await q.listSamples(db, filter, { after, limit: page.limit });
      const items = rows.slice(0, page.limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => toSampleSummary(r.sample, { items: r.items, findings: r.findings })),
        nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.sample.createdAt.toISOString(), id: last.sample.id }) : null,
      };
    },

    async detail(sampleId: string) {
      const sample = await loadSample(sampleId);
      return toSampleDetail(sample, await detailedItems(sampleId));
    },

    /**
     * Redraws the random part from the recorded seed and parameters over the period's spends as
     * they are now. It matches when the population is unchanged (same digest) and the redraw
     * gives the recorded spends in the recorded order.
     */
    async verify(sampleId: string) {
      const sample = await loadSample(sampleId);
      const parameters = parametersOf(sample);
      if (sample.algorithmVersion !== SAMPLER_VERSION[sample.method] || parameters.datasetDigestVersion !== SAMPLER_VERSION.datasetDigest) {
        throw new RuleViolation(
          "sampler-version-changed",
          "Drawn with another sampler version",
          `This sample was drawn with ${sample.algorithmVersion}; this server runs ${SAMPLER_VERSION[sample.method]}. Redraw it with the published algorithm of that version.`,
        );
      }
      const population = inSamplingOrder(await q.populationItems(db, sample.period));
      const recomputedDigest = await datasetDigest(population);
      const expectedItems = await drawRandomPart(sample.method, sample.seed, population, parameters.size);
      const recorded = (await q.itemsWithSpends(db, sampleId)).map((r) => toSampleItem(r.item));
      const recordedItems = recorded.filter((i) => i.stratum === "random").map((i) => i.spendId);
      const populationChanged = recomputedDigest !== sample.datasetDigest;
      const sameItems = sameList(expectedItems, recordedItems);
      const { joined, left } =
        populationChanged && sample.populationIds !== null
          ? await q.populationChanges(db, sampleId, population.map((item) => item.id))
          : { joined: [], left: [] };
      // The recent-finding stratum is every population spend of the workers recorded at the draw.
      const workerIds = parameters.recentFindingWorkerIds;
      const stratumExpected = await q.populationSpendIdsOf(db, sample.period, workerIds);
      const stratumRecorded = recorded.filter((i) => i.reasons.includes("recent_finding")).map((i) => i.spendId).sort(compareCodeUnits);
      const riskStratum = {
        reason: "recent_finding" as const,
        since: parameters.recentFindingSince,
        workerIds,
        expectedItems: stratumExpected,
        recordedItems: stratumRecorded,
        matches: sameList(stratumExpected, stratumRecorded),
      };
      const explanation = populationChanged
        ? `${describeChanges(sample.period, sample.populationSize, population.length, sample.populationIds === null ? null : { joined, left })} A redraw today is over a different population, so it cannot match; the sample stands as drawn over the population with the recorded digest.`
        : sameItems
          ? `Redrawn from the recorded seed and parameters: the same ${recordedItems.length} spends in the same order, over an unchanged population.`
          : "The redraw does not give the recorded spends, though the population is unchanged: this record does not match its seed and parameters.";
      const stratumNote = populationChanged || riskStratum.matches ? "" : " The recent-finding stratum does not hold exactly the spends of the workers recorded at the draw.";
      return {
        matches: !populationChanged && sameItems && riskStratum.matches,
        riskStratum,
        populationChanged,
        recomputedDigest,
        recordedDigest: sample.datasetDigest,
        recordedPopulationSize: sample.populationSize,
        currentPopulationSize: population.length,
        expectedItems,
        recordedItems,
        joined,
        left,
        explanation: `${explanation}${stratumNote}`,
      };
    },

    /** Records (or amends) the finding on one item and moves the spend's audit track. */
    async recordFinding(actor: Actor, sampleId: string, spendId: string, input: FindingInput) {
      const now = clock.now();
      const { item, spend } = await db.transaction(async (tx) => {
        const sample = await q.findSample(tx, sampleId);
        if (!sample) throw new NotFoundError("Audit sample");
        const item = await q.lockItem(tx, sampleId, spendId);
        if (!item) throw new NotFoundError("That spend in this sample");
        const spend = await lockSpend(tx, spendId);
        if (!spend) throw new NotFoundError("Spend");
        if (!canRecordFinding(actor, toSpendAccess(spend))) throw new ForbiddenError("Only an auditor records findings, and never on their own spend.");
        if (input.misstatement !== undefined && sample.method !== "monetary_unit") {
          throw ValidationError.field("misstatement", "A misstatement in money is recorded on monetary-unit samples only");
        }
        if (input.misstatement !== undefined && input.misstatement > spend.amount) {
          throw ValidationError.field("misstatement", `The misstatement (book amount less audited amount) cannot exceed the book amount, ${formatMoney(spend.amount, spend.currency)}`);
        }
        const auditStatus = nextState("audit", spend.auditStatus as AuditStatus, "record_finding");
        const finding = { result: input.result, notes: input.notes, misstatement: input.misstatement ?? null, by: actor.id, at: now };
        await q.recordFinding(tx, sampleId, spendId, finding);
        await q.setAuditStatus(tx, spendId, auditStatus);
        await appendEvent(
          tx,
          {
            type: "audit.finding_recorded",
            actorId: actor.id,
            subjectType: "spend",
            subjectId: spendId,
            // Notes are the auditor's narrative: they stay in the sample, not in the log.
            data: { sampleId, result: input.result, previousResult: item.result, auditStatus, ...(finding.misstatement === null ? {} : { misstatement: finding.misstatement }) },
          },
          now,
        );
        return {
          item: { ...item, result: finding.result, notes: finding.notes, misstatement: finding.misstatement, findingBy: finding.by, findingAt: finding.at },
          spend: { ...spend, auditStatus },
        };
      });
      return toSampleItemDetail(item, spend, await q.spendPeopleOf(db, spendId), today(), () => actor.name);
    },

    /** The findings' statistics, with the items for the CSV and printable forms. */
    async report(sampleId: string) {
      const sample = await loadSample(sampleId);
      const parameters = parametersOf(sample);
      const items = await detailedItems(sampleId);
      const summary = summariseFindings(
        items.map((i) => ({ stratum: i.stratum, result: i.finding?.result ?? null })),
        parameters.confidence,
        // Drawn without replacement from a population of known size: the exact hypergeometric bound.
        sample.populationSize,
      );
      const monetaryUnit =
        sample.method === "monetary_unit" && sample.populationTotal !== null
          ? monetaryUnitReport(
              { bookValue: sample.populationTotal, sampleSize: parameters.size, confidence: parameters.confidence, tolerableMisstatement: parameters.tolerableMisstatement },
              items.filter((i) => i.stratum === "random" && i.finding !== null).map((i) => ({ bookAmount: i.spend.amount, misstatement: i.finding?.misstatement ?? 0 })),
            )
          : null;
      // A sentence for people: the month in words, as the printable report shows it.
      const month = monthInWords(sample.period);
      const statement = monetaryUnit ? monetaryUnitStatement(monetaryUnit, summary.byStratum.random.itemsReviewed, month) : statementOf(summary, sample.populationSize, month);
      return {
        report: {
          ...summary,
          monetaryUnit,
          riskStrata: tallyByReason(items.map((i) => ({ stratum: i.stratum, reasons: i.reasons, result: i.finding?.result ?? null }))).map((t) => ({ ...t, description: SAMPLE_REASON_DESCRIPTIONS[t.reason] })),
          deviationDefinition: DEVIATION_DEFINITION,
          statement,
          sample: toSampleHead(sample),
        },
        items,
      };
    },

    /** The auditor's work list: concerns no finding has answered, and sampled spends awaiting one. */
    async queue(limit: number) {
      const [concernRows, openRows] = await Promise.all([q.concernsWithoutFinding(db, limit), q.openItems(db, limit)]);
      const now = today();
      return {
        concerns: concernRows.slice(0, limit).map((s) => toSpendView(s, now)),
        moreConcerns: concernRows.length > limit,
        openItems: openRows.slice(0, limit).map((r) => ({ sampleId: r.sample.id, period: r.sample.period, ...toSampleItem(r.item), spend: toSpendView(r.spend, now), ...toSpendPeople(r.spend, r.people) })),
        moreOpenItems: openRows.length > limit,
      };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
