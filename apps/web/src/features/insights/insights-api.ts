// What the "What it achieved" area reads: the insights endpoints (API.md "Insights"), each answer
// checked with zod before a page shows it.
import { z } from "zod";
import { EQUALITY_DIMENSION_KEYS } from "@greentape/domain/equality-monitoring";
import type { OutcomeGrouping } from "@greentape/domain/insights-input";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { useApiData } from "../../lib/use-api-data.ts";

const count = z.number().int().nonnegative();
const minor = z.number().int();
const share = z.number().min(0).max(1);

export const intervalSchema = z.object({ lower: share, upper: share, method: z.string(), confidence: z.number() });
export type Interval = z.infer<typeof intervalSchema>;

const outcomeCounts = z.object(Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, count])) as Record<(typeof FOLLOW_UP_OUTCOMES)[number], typeof count>);

export const outcomeGroupSchema = z.object({
  key: z.string(),
  label: z.string(),
  spends: count,
  amount: minor,
  followUps: count,
  reached: count,
  helped: count,
  /** Spends with no follow-up yet. */
  notFollowedUp: count,
  outcomes: outcomeCounts,
  helpedRate: share.nullable(),
  interval: intervalSchema.nullable(),
  /** Fewer reached than the domain's threshold (rates.ts): show the counts, not the rate. */
  tooFewToTell: z.boolean(),
  /** Distinct clients, those with a "helped" follow-up, and the group's spend per such client (null: nobody helped). */
  clients: count,
  clientsHelped: count,
  costPerClientHelped: minor.nullable(),
});
export type OutcomeGroup = z.infer<typeof outcomeGroupSchema>;

const outcomesSchema = z.object({ from: z.string(), to: z.string(), groupBy: z.string(), groups: z.array(outcomeGroupSchema) });

export interface SpanParams {
  from: string;
  to: string;
  teamId?: string | undefined;
}

/** `?from=…&to=…` plus whatever else is given, leaving out what is not. */
export function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== "") search.set(name, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** Outcomes grouped by category, team, scheme or month over a span (`GET /api/insights/outcomes`). */
export function useOutcomes(span: SpanParams, groupBy: OutcomeGrouping) {
  return useApiData(`/api/insights/outcomes${query({ ...span, groupBy })}`, outcomesSchema);
}

const equitySchema = z.object({
  clients: count,
  clientsWithSpend: count,
  gini: z.number().min(0).max(1).nullable(),
  lorenz: z.array(z.tuple([share, share])),
  byGroup: z.array(z.object({ dimension: z.enum(EQUALITY_DIMENSION_KEYS), group: z.string(), label: z.string(), clients: count, caseloadShare: share, spendShare: share })),
});
export type Equity = z.infer<typeof equitySchema>;

/** Who the spend reaches across a caseload (`GET /api/insights/equity`). */
export function useEquity(span: SpanParams) {
  return useApiData(`/api/insights/equity${query({ ...span })}`, equitySchema);
}

const days = z.number().nonnegative().nullable();
const stage = z.object({ count, lowerQuartile: days, median: days, upperQuartile: days });
export const summarySchema = z.looseObject({
  spends: count,
  amount: minor,
  followUps: count,
  reached: count,
  helped: count,
  helpedRate: share.nullable(),
  interval: intervalSchema.nullable(),
  audit: z.looseObject({ sampled: count, withFinding: count, misuseAmount: minor, deviationUpper: share.nullable() }),
  loop: z.looseObject({
    medianDaysToLog: days,
    medianDaysToJustify: days,
    medianDaysToReview: days,
    medianDaysToFollowUp: days,
    stages: z.object({ toLog: stage, toJustify: stage, toReview: stage, toFollowUp: stage }),
  }),
});
export type Summary = z.infer<typeof summarySchema>;

/** Value beside misuse, and the speed of the loop, for a span (`GET /api/insights/summary`). */
export function useSummary(span: SpanParams) {
  return useApiData(`/api/insights/summary${query({ from: span.from, to: span.to })}`, summarySchema);
}

const uptakeSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      teamName: z.string(),
      workers: count,
      workersWhoSpent: count,
      amount: minor,
      allowance: minor.nullable(),
      usedShare: z.number().nonnegative().nullable(),
      notUsedIn90Days: count,
      people: z.array(z.object({ id: z.string(), name: z.string(), lastSpentOn: z.string().nullable() })).nullable(),
    }),
  ),
});
export type Uptake = z.infer<typeof uptakeSchema>;

/** How much of the freedom each team uses in a month, and who has not used it lately (`GET /api/insights/uptake`). */
export function useUptake(period: string) {
  return useApiData(`/api/insights/uptake${query({ period })}`, uptakeSchema);
}
