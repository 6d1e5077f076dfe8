import type { Db } from "@greentape/db/client";
import { nextPeriod } from "@greentape/domain/dates";
import { ForbiddenError } from "@greentape/domain/errors";
import { emptyOutcomeCounts, outcomeFigures, type OutcomeFigures } from "@greentape/domain/insights";
import { monthsInSpan, type OutcomeGrouping, type OutcomesCompareQuery, type OutcomesQuery } from "@greentape/domain/insights-input";
import { insightsTeamScope } from "@greentape/domain/permissions";
import { compareRates } from "@greentape/domain/rates";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
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

export function createInsightsService(deps: { db: Db }) {
  const { db } = deps;

  /** The team a request covers (null: every team), or 403: see insightsTeamScope. */
  function scopeFor(actor: Actor, span: { from: string; to: string; teamId?: string | undefined }): q.Scope {
    const scope = insightsTeamScope(actor, span.teamId);
    if (!scope.allowed) throw new ForbiddenError(actor.role === "supervisor" ? "A supervisor sees their own team's figures only." : "Your role does not see these figures.");
    return { from: span.from, to: span.to, teamId: scope.teamId };
  }

  /**
   * One group per key with spends, labelled. Teams and months are listed even with no spends (a
   * team that spent nothing, a month with nothing, are facts too); categories and schemes only
   * where there were spends. Ordered by label or month, never by how well a group did.
   */
  async function groups(scope: q.Scope, groupBy: OutcomeGrouping): Promise<OutcomeGroup[]> {
    const totals = new Map((await q.outcomeTotals(db, scope, groupBy)).map((r) => [r.key, r]));
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

  return {
    scopeFor,

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
  };
}

function byLabel(a: { label: string }, b: { label: string }): number {
  return a.label.localeCompare(b.label, "en-GB");
}

export type InsightsService = ReturnType<typeof createInsightsService>;
