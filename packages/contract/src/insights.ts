/** The answers of the insights endpoints, as the OpenAPI document at /docs describes them. */
import { z } from "zod/mini";
import { EQUALITY_DIMENSION_KEYS } from "@greentape/domain/equality-monitoring";
import { OUTCOME_GROUPINGS } from "@greentape/domain/insights-input";

export const wilsonIntervalSchema = z.object({ lower: z.number(), upper: z.number(), method: z.literal("wilson"), confidence: z.number() });
const newcombeIntervalSchema = z.object({ lower: z.number(), upper: z.number(), method: z.literal("newcombe"), confidence: z.number() });

export const outcomeCountsSchema = z.object({
  helped_a_lot: z.int(),
  helped_a_little: z.int(),
  no_difference: z.int(),
  made_things_worse: z.int(),
  could_not_contact: z.int(),
});

export const outcomeGroupSchema = z.object({
  key: z.string().check(z.describe("category name, team id, scheme id or month (YYYY-MM)")),
  label: z.string(),
  spends: z.int(),
  amount: z.int().check(z.describe("minor units")),
  followUps: z.int(),
  reached: z.int().check(z.describe("follow-ups other than could_not_contact")),
  helped: z.int().check(z.describe("helped_a_lot + helped_a_little")),
  notFollowedUp: z.int().check(z.describe("spends with no follow-up yet")),
  outcomes: outcomeCountsSchema,
  helpedRate: z.nullable(z.number()).check(z.describe("helped / reached; null when reached is 0")),
  interval: z.nullable(wilsonIntervalSchema).check(z.describe("95% Wilson score interval of helpedRate; null when reached is 0")),
  tooFewToTell: z.boolean().check(z.describe("fewer than 10 reached: show the counts, not the rate")),
  clients: z.int().check(z.describe("distinct clients the spends were for")),
  clientsHelped: z.int().check(z.describe("distinct clients with a helped follow-up")),
  costPerClientHelped: z.nullable(z.int()).check(z.describe("amount / clientsHelped in minor units; null when nobody was helped")),
});

const span = { from: z.string(), to: z.string(), teamId: z.nullable(z.string()).check(z.describe("the team covered; null for every team")) };

export const outcomesResponseSchema = z.object({ ...span, groupBy: z.enum(OUTCOME_GROUPINGS), groups: z.array(outcomeGroupSchema) });

export const outcomesCompareResponseSchema = z.object({
  ...span,
  groupBy: z.enum(OUTCOME_GROUPINGS),
  first: outcomeGroupSchema,
  second: outcomeGroupSchema,
  difference: z.nullable(z.number()).check(z.describe("first.helpedRate − second.helpedRate; null when either has nobody reached")),
  interval: z.nullable(newcombeIntervalSchema).check(z.describe("Newcombe's hybrid score interval (95%) for the difference")),
  tooFewToTell: z.boolean(),
});

export const uptakeResponseSchema = z.object({
  period: z.string(),
  asOf: z.string().check(z.describe("the day the 90 days run up to: the period's last day, or today while it is running")),
  teams: z.array(
    z.object({
      teamId: z.string(),
      teamName: z.string(),
      workers: z.int().check(z.describe("active workers and supervisors of the team (the people who may spend)")),
      workersWhoSpent: z.int().check(z.describe("of the team's spends in the period, how many different people logged them")),
      amount: z.int().check(z.describe("live spends in the period, minor units")),
      allowance: z.nullable(z.int()).check(z.describe("the team's monthly budgets of the schemes that apply to it; null when one sets none")),
      usedShare: z.nullable(z.number()).check(z.describe("amount / allowance")),
      notUsedIn90Days: z.int().check(z.describe("people of the team with no live spend dated in the 90 days up to asOf")),
      people: z.nullable(z.array(z.object({ id: z.string(), name: z.string(), lastSpentOn: z.nullable(z.string()) }))).check(z.describe("who they are, by name, for the team's own supervisor only (to support them); null for everyone else")),
    }),
  ),
});

export const equityResponseSchema = z.object({
  ...span,
  clients: z.int().check(z.describe("the caseload: every client of the team (or of every team), spent on or not")),
  clientsWithSpend: z.int(),
  amount: z.int().check(z.describe("live spend on the caseload in the span, minor units")),
  gini: z.nullable(z.number()).check(z.describe("Gini coefficient of spend per client, clients with none counted as 0; null when nothing was spent")),
  lorenz: z.array(z.tuple([z.number(), z.number()])).check(z.describe("Lorenz curve corners [share of clients, share of spend], least spent-on first")),
  byGroup: z.array(
    z.object({
      dimension: z.enum(EQUALITY_DIMENSION_KEYS),
      group: z.string(),
      label: z.string(),
      clients: z.int(),
      amount: z.int(),
      caseloadShare: z.nullable(z.number()),
      spendShare: z.nullable(z.number()),
    }),
  ),
});

const stageDaysSchema = z.object({ count: z.int(), lowerQuartile: z.nullable(z.number()), median: z.nullable(z.number()), upperQuartile: z.nullable(z.number()) });

export const summaryResponseSchema = z.extend(z.omit(outcomeGroupSchema, { key: true, label: true }), {
  ...span,
  audit: z.object({
    sampled: z.int().check(z.describe("items of the span's samples (each month's latest draw), every stratum")),
    withFinding: z.int().check(z.describe("items found minor, major or misuse_suspected")),
    misuseFindings: z.int().check(z.describe("items found major or misuse_suspected")),
    misuseAmount: z.int().check(z.describe("the money in those, minor units")),
    randomReviewed: z.int(),
    randomDeviations: z.int(),
    deviationUpper: z.nullable(z.number()).check(z.describe("95% one-sided upper limit (Clopper–Pearson) of the deviation rate, from the random stratum; null until it has a finding")),
  }),
  loop: z.object({
    medianDaysToLog: z.nullable(z.number()).check(z.describe("from the spend's date to its logging")),
    medianDaysToJustify: z.nullable(z.number()).check(z.describe("from logging to the first justification")),
    medianDaysToReview: z.nullable(z.number()).check(z.describe("from the first justification to the first review")),
    medianDaysToFollowUp: z.nullable(z.number()).check(z.describe("from the spend's date to the follow-up's contact")),
    stages: z.object({ toLog: stageDaysSchema, toJustify: stageDaysSchema, toReview: stageDaysSchema, toFollowUp: stageDaysSchema }).check(z.describe("count and quartiles (R type 7) of each, in council calendar days")),
  }),
});


export type WilsonInterval = z.infer<typeof wilsonIntervalSchema>;
export type OutcomeGroup = z.infer<typeof outcomeGroupSchema>;
export type Equity = z.infer<typeof equityResponseSchema>;
export type Summary = z.infer<typeof summaryResponseSchema>;
export type Uptake = z.infer<typeof uptakeResponseSchema>;
