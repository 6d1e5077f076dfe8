import type { Db } from "@greentape/db/client";
import { nextPeriod, periodBounds, periodOf, todayIn } from "@greentape/domain/dates";
import { ForbiddenError } from "@greentape/domain/errors";
import type { EqualityMonitoring } from "@greentape/domain/equality-monitoring";
import { equityFigures } from "@greentape/domain/equity";
import { isSuppressedCount, PUBLIC_MINIMUM_COUNT, publicCount, publicFigure } from "@greentape/domain/disclosure";
import { emptyOutcomeCounts, outcomeFigures, publicOutcomeBreakdown, type OutcomeFigures } from "@greentape/domain/insights";
import type { PublicSummary } from "@greentape/domain/public-summary";
import { quartilesOfTally } from "@greentape/domain/distribution";
import { clopperPearsonUpper } from "@greentape/domain/statistics";
import { monthsInSpan, type OutcomeGrouping, type OutcomesCompareQuery, type OutcomesQuery, type SpanQuery, type UptakeQuery } from "@greentape/domain/insights-input";
import { insightsTeamScope } from "@greentape/domain/permissions";
import { compareRates } from "@greentape/domain/rates";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import type { Config } from "../../config.ts";
import type { Clock } from "../../lib/clock.ts";
import type { Actor } from "../../plugins/access.ts";
import * as q from "./insights.queries.ts";

export interface OutcomeGroup extends OutcomeFigures {
  key: string;
  label: string;
}

function figuresOf(row: q.OutcomeRow | undefined): OutcomeFigures {
  const outcomes = emptyOutcomeCounts();
  if (!row) return outcomeFigures({ spends: 0, amount: 0, clients: 0, clientsHelped: 0, outcomes });
  for (const o of FOLLOW_UP_OUTCOMES) outcomes[o] = row[o];
  return outcomeFigures({ spends: row.spends, amount: row.amount, clients: row.clients, clientsHelped: row.clientsHelped, outcomes });
}

/** Every month of the span, in order: a trend shows the empty months too. */
function monthsOf(from: string, to: string): string[] {
  const months = [from];
  for (let n = monthsInSpan(from, to); months.length < n; ) months.push(nextPeriod(months[months.length - 1] ?? from));
  return months;
}

export function createInsightsService(deps: { db: Db; clock: Clock; config: Pick<Config, "timeZone"> }) {
  const { db, clock, config } = deps;

  /** The team a request covers (null: every team), or 403: see insightsTeamScope. */
  function teamFor(actor: Actor, teamId: string | undefined): string | null {
    const scope = insightsTeamScope(actor, teamId);
    if (!scope.allowed) throw new ForbiddenError(actor.role === "supervisor" ? "A supervisor sees their own team's figures only." : "Your role does not see these figures.");
    return scope.teamId;
  }

  function scopeFor(actor: Actor, span: { from: string; to: string; teamId?: string | undefined }): q.Scope {
    return { from: span.from, to: span.to, teamId: teamFor(actor, span.teamId) };
  }

  /**
   * One group per key with spends, labelled. Teams and months are listed even with no spends (a
   * team that spent nothing, a month with nothing, are facts too); categories and schemes only
   * where there were spends. Ordered by label or month, never by how well a group did.
   */
  async function groups(scope: q.Scope, groupBy: OutcomeGrouping): Promise<OutcomeGroup[]> {
    return labelGroups(scope, groupBy, (await q.outcomeTotals(db, scope, [groupBy])).get(groupBy) ?? []);
  }

  async function labelGroups(scope: q.Scope, groupBy: OutcomeGrouping, rows: q.OutcomeRow[]): Promise<OutcomeGroup[]> {
    const totals = new Map(rows.map((r) => [r.key, r]));
    const group = (key: string, label: string): OutcomeGroup => ({ key, label, ...figuresOf(totals.get(key)) });
    switch (groupBy) {
      case "month":
        return monthsOf(scope.from, scope.to).map((m) => group(m, m));
      case "team": {
        const teams = await q.teamNames(db, scope.teamId);
        return teams.map((t) => group(t.id, t.name));
      }
      case "scheme": {
        const names = await q.schemeNames(db);
        return [...totals.keys()].map((k) => group(k, names.get(k) ?? k)).sort(byLabel);
      }
      case "category":
        return [...totals.keys()].map((k) => group(k, k)).sort(byLabel);
    }
  }

  /**
   * Outcomes, audit and loop for a span: what the summary shows, and the public summary withholds
   * from; with the outcome rows of any breakdowns asked for, counted in the same pass.
   */
  async function summaryFigures(scope: q.Scope, breakdowns: readonly OutcomeGrouping[] = []) {
    const [totals, audit, loop] = await Promise.all([q.outcomeTotals(db, scope, [null, ...breakdowns]), q.auditTotals(db, scope), q.loopDayTally(db, scope, config.timeZone)]);
    return {
      outcomes: figuresOf(totals.get(null)?.[0]),
      breakdowns: totals,
      audit: {
        ...audit,
        // The random stratum's exact one-sided upper limit (the sample report's), pooled over the
        // span's months; null until a randomly drawn spend has a finding.
        deviationUpper: audit.randomReviewed === 0 ? null : clopperPearsonUpper(audit.randomDeviations, audit.randomReviewed),
      },
      loop: loopStages(loop),
    };
  }

  return {
    async outcomes(actor: Actor, query: OutcomesQuery) {
      const scope = scopeFor(actor, query);
      return { from: query.from, to: query.to, groupBy: query.groupBy, teamId: scope.teamId, groups: await groups(scope, query.groupBy) };
    },

    /** Two groups of one grouping and the difference in their helped rates, with Newcombe's interval. */
    async compareOutcomes(actor: Actor, query: OutcomesCompareQuery) {
      const scope = scopeFor(actor, query);
      const all = await groups(scope, query.groupBy);
      const find = (key: string): OutcomeGroup => all.find((g) => g.key === key) ?? { key, label: key, ...figuresOf(undefined) };
      const first = find(query.first);
      const second = find(query.second);
      const comparison = compareRates({ successes: first.helped, trials: first.reached }, { successes: second.helped, trials: second.reached });
      return {
        from: query.from,
        to: query.to,
        groupBy: query.groupBy,
        teamId: scope.teamId,
        first,
        second,
        difference: comparison.difference,
        interval: comparison.interval,
        tooFewToTell: comparison.tooFewToTell,
      };
    },

    /**
     * How much of the freedom each team uses in a month (the month so far, for this one). Counts
     * only: a supervisor also gets the names of their own team's people who have not spent in 90
     * days, in alphabetical order, to support them. Nobody gets a ranking.
     */
    async uptake(actor: Actor, query: UptakeQuery) {
      const teamId = teamFor(actor, query.teamId);
      const today = todayIn(config.timeZone, clock.now());
      const period = query.period ?? periodOf(today);
      const last = periodBounds(period).last;
      const asOf = last < today ? last : today;
      const [teams, allowances] = await Promise.all([q.uptakeByTeam(db, { period, asOf, teamId }), q.teamAllowances(db)]);
      const supportsTeam = (id: string) => actor.role === "supervisor" && actor.teamId === id;
      return {
        period,
        asOf,
        teams: await Promise.all(
          teams.map(async (team) => {
            const allowance = allowances.get(team.teamId) ?? null;
            return {
              ...team,
              allowance,
              usedShare: allowance ? team.amount / allowance : null,
              people: supportsTeam(team.teamId) ? await q.peopleNotUsedIn90Days(db, team.teamId, asOf) : null,
            };
          }),
        ),
      };
    },

    /**
     * How evenly spend falls on a team's caseload (every client, whether spent on or not), and each
     * equality-monitoring group's share of the spend beside its share of the caseload.
     */
    async equity(actor: Actor, query: SpanQuery) {
      const scope = scopeFor(actor, query);
      const caseload = await q.caseloadSpend(db, scope);
      // The database's check constraints hold the answers to the listed options.
      const figures = equityFigures(caseload.map(({ amount, ...answers }) => ({ amount, answers: answers as EqualityMonitoring })));
      return { from: query.from, to: query.to, teamId: scope.teamId, ...figures };
    },

    /** Value beside misuse for a span: what was spent, on whom, who was helped, what audit found, and how fast the loop ran. */
    async summary(actor: Actor, query: SpanQuery) {
      const scope = scopeFor(actor, query);
      const { outcomes, audit, loop } = await summaryFigures(scope);
      return {
        from: query.from,
        to: query.to,
        teamId: scope.teamId,
        ...outcomes,
        audit,
        loop: {
          medianDaysToLog: loop.toLog.median,
          medianDaysToJustify: loop.toJustify.median,
          medianDaysToReview: loop.toReview.median,
          medianDaysToFollowUp: loop.toFollowUp.median,
          stages: loop,
        },
      };
    },

    /**
     * A calendar year for anyone, signed in or not: every count under PUBLIC_MINIMUM_COUNT
     * withheld (and whatever rests on it), and no client, worker, email or payee anywhere.
     */
    async publicSummary(year: number): Promise<PublicSummary> {
      const scope: q.Scope = { from: `${year}-01`, to: `${year}-12`, teamId: null };
      const { outcomes, audit, loop, breakdowns } = await summaryFigures(scope, ["category", "team"]);
      const [byCategory, byTeam] = await Promise.all([labelGroups(scope, "category", breakdowns.get("category") ?? []), labelGroups(scope, "team", breakdowns.get("team") ?? [])]);
      const labelled = (list: OutcomeGroup[]) => publicOutcomeBreakdown(list).map((figures, i) => ({ label: list[i]?.label ?? "", ...figures }));
      const [total] = publicOutcomeBreakdown([outcomes]);
      if (!total) throw new Error("a breakdown of one group has one group");
      const sampled = publicCount(audit.sampled);
      const withFinding = publicCount(audit.withFinding);
      const misuseAmount = publicFigure(audit.misuseAmount, [audit.misuseFindings]);
      const median = (stage: StageDays) => (isSuppressedCount(stage.count) ? null : stage.median);
      const stages = { medianDaysToLog: loop.toLog, medianDaysToJustify: loop.toJustify, medianDaysToReview: loop.toReview, medianDaysToFollowUp: loop.toFollowUp };
      return {
        year,
        from: scope.from,
        to: scope.to,
        minimumCount: PUBLIC_MINIMUM_COUNT,
        total,
        byCategory: labelled(byCategory),
        byTeam: labelled(byTeam),
        audit: {
          sampled: sampled.value,
          withFinding: withFinding.value,
          misuseAmount: misuseAmount.value,
          deviationUpper: audit.deviationUpper,
          suppressed: [...(sampled.suppressed ? ["sampled" as const] : []), ...(withFinding.suppressed ? ["withFinding" as const] : []), ...(misuseAmount.suppressed ? ["misuseAmount" as const] : [])],
        },
        loop: {
          medianDaysToLog: median(loop.toLog),
          medianDaysToJustify: median(loop.toJustify),
          medianDaysToReview: median(loop.toReview),
          medianDaysToFollowUp: median(loop.toFollowUp),
          suppressed: (Object.keys(stages) as Array<keyof typeof stages>).filter((k) => isSuppressedCount(stages[k].count)),
        },
      };
    },
  };
}

function byLabel(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, "en-GB");
}

export type InsightsService = ReturnType<typeof createInsightsService>;

const LOOP_STAGES: readonly q.LoopStage[] = ["toLog", "toJustify", "toReview", "toFollowUp"];

interface StageDays {
  count: number;
  lowerQuartile: number | null;
  median: number | null;
  upperQuartile: number | null;
}

/** Each stage's quartiles by R's type 7, from the tally of its days. */
function loopStages(tally: Array<{ stage: q.LoopStage; days: number; count: number }>): Record<q.LoopStage, StageDays> {
  return Object.fromEntries(
    LOOP_STAGES.map((stage) => {
      const figures = quartilesOfTally(tally.filter((t) => t.stage === stage).map((t) => ({ value: t.days, count: t.count })));
      return [stage, { count: figures?.count ?? 0, lowerQuartile: figures?.lowerQuartile ?? null, median: figures?.median ?? null, upperQuartile: figures?.upperQuartile ?? null }];
    }),
  ) as Record<q.LoopStage, StageDays>;
}
