/** The answers of the insights endpoints, as the OpenAPI document at /docs describes them. */
import { z } from "zod";
import { OUTCOME_GROUPINGS } from "@greentape/domain/insights-input";

export const wilsonIntervalSchema = z.object({ lower: z.number(), upper: z.number(), method: z.literal("wilson"), confidence: z.number() });
const newcombeIntervalSchema = z.object({ lower: z.number(), upper: z.number(), method: z.literal("newcombe"), confidence: z.number() });

export const outcomeCountsSchema = z.object({
  helped_a_lot: z.number().int(),
  helped_a_little: z.number().int(),
  no_difference: z.number().int(),
  made_things_worse: z.number().int(),
  could_not_contact: z.number().int(),
});

export const outcomeGroupSchema = z.object({
  key: z.string().describe("category name, team id, scheme id or month (YYYY-MM)"),
  label: z.string(),
  spends: z.number().int(),
  amount: z.number().int().describe("minor units"),
  followUps: z.number().int(),
  reached: z.number().int().describe("follow-ups other than could_not_contact"),
  helped: z.number().int().describe("helped_a_lot + helped_a_little"),
  notFollowedUp: z.number().int().describe("spends with no follow-up yet"),
  outcomes: outcomeCountsSchema,
  helpedRate: z.number().nullable().describe("helped / reached; null when reached is 0"),
  interval: wilsonIntervalSchema.nullable().describe("95% Wilson score interval of helpedRate; null when reached is 0"),
  tooFewToTell: z.boolean().describe("fewer than 10 reached: show the counts, not the rate"),
  clients: z.number().int().describe("distinct clients the spends were for"),
  clientsHelped: z.number().int().describe("distinct clients with a helped follow-up"),
  costPerClientHelped: z.number().int().nullable().describe("amount / clientsHelped in minor units; null when nobody was helped"),
});

const span = { from: z.string(), to: z.string(), teamId: z.string().nullable().describe("the team covered; null for every team") };

export const outcomesResponseSchema = z.object({ ...span, groupBy: z.enum(OUTCOME_GROUPINGS), groups: z.array(outcomeGroupSchema) });

export const outcomesCompareResponseSchema = z.object({
  ...span,
  groupBy: z.enum(OUTCOME_GROUPINGS),
  first: outcomeGroupSchema,
  second: outcomeGroupSchema,
  difference: z.number().nullable().describe("first.helpedRate − second.helpedRate; null when either has nobody reached"),
  interval: newcombeIntervalSchema.nullable().describe("Newcombe's hybrid score interval (95%) for the difference"),
  tooFewToTell: z.boolean(),
});
