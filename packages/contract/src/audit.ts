// The auditor's shapes: samples as drawn and read, findings, verification, the report and the queue.
import { z } from "zod";
import { FINDING_RESULTS } from "@greentape/domain/audit-report";
import { RISK_REASONS } from "@greentape/domain/risk-strata";
import { SAMPLE_METHODS } from "@greentape/domain/sample-plan";
import { personSchema, spendViewSchema } from "./spends.ts";

/**
 * Everything a draw was made with, as recorded in audit_samples.parameters. `size` is the random
 * part's resolved size: verification redraws exactly that many, whatever the population is now.
 */
export const sampleParametersSchema = z.object({
  size: z.number().int(),
  sizeBasis: z.enum(["size", "rate", "attribute", "monetary_unit"]),
  sizeExplanation: z.string(),
  requestedSize: z.number().int().nullable(),
  rate: z.number().nullable(),
  confidence: z.number(),
  tolerableRate: z.number(),
  tolerableRateSource: z.enum(["request", "scheme", "default"]),
  /** Monetary-unit samples, minor units (null for other methods and for samples drawn before they were kept). */
  tolerableMisstatement: z.number().int().nullable().default(null),
  expectedMisstatement: z.number().int().nullable().default(null),
  expectedDeviations: z.number().int(),
  riskRules: z.boolean(),
  topStratumAmount: z.number().int().nullable(),
  overdueDays: z.number().int(),
  /** The council's today at the draw: the day the overdue rule was judged on. */
  drawnOn: z.string(),
  datasetDigestVersion: z.string(),
  /** Workers with a major or misuse finding recorded from recentFindingSince to the draw: all their spends are in the recent-finding stratum. Absent before that stratum existed. */
  recentFindingWorkerIds: z.array(z.string()).default([]),
  recentFindingSince: z.string().nullable().default(null),
});
export type SampleParameters = z.infer<typeof sampleParametersSchema>;

export const sampleItemSchema = z.object({
  spendId: z.string(),
  /** The first of `reasons`: "random" for the random part. */
  reason: z.string(),
  reasons: z.array(z.string()),
  stratum: z.enum(["random", "risk"]),
  position: z.number().int(),
});

export const sampleHeadSchema = z.object({
  id: z.string(),
  period: z.string(),
  seed: z.string(),
  method: z.enum(SAMPLE_METHODS),
  parameters: sampleParametersSchema,
  algorithm: z.string(),
  algorithmVersion: z.string(),
  datasetDigest: z.string(),
  populationSize: z.number().int(),
  population: z
    .object({ count: z.number().int(), total: z.number().int().nullable().describe("Minor units; null for samples drawn before the total was kept") })
    .describe("The spends booked in the period at the draw (for a closed month, the rows frozen at its close)"),
  sizeExplanation: z.string(),
  drawnBy: z.string(),
  createdAt: z.string(),
  logCheckpoint: z.string().nullable().describe("The event log's signed checkpoint current at the draw (null for samples drawn before the log had checkpoints)"),
});

export const sampleSchema = sampleHeadSchema.extend({ items: z.array(sampleItemSchema) });
export const sampleSummarySchema = sampleHeadSchema.extend({ itemCount: z.number().int(), findingCount: z.number().int() });

/** GET /api/audit/samples */
export const sampleListSchema = z.object({ items: z.array(sampleSummarySchema), nextCursor: z.string().nullable() });

export const findingSchema = z.object({
  result: z.enum(FINDING_RESULTS),
  notes: z.string(),
  misstatement: z.number().int().nullable().describe("Monetary-unit samples: book amount less audited amount, minor units"),
  recordedBy: personSchema,
  recordedAt: z.string(),
});
/** Whose spend it is, by name as well as id: lists of sampled spends are read by worker and team. */
export const spendPeopleSchema = z.object({
  worker: personSchema,
  team: z.object({ id: z.string(), name: z.string() }),
  client: z.object({ id: z.string(), reference: z.string() }),
});
export type SpendPeopleView = z.infer<typeof spendPeopleSchema>;

export const sampleItemDetailSchema = sampleItemSchema.extend({ spend: spendViewSchema, finding: findingSchema.nullable() }).extend(spendPeopleSchema.shape);
export const sampleDetailSchema = sampleHeadSchema.extend({ items: z.array(sampleItemDetailSchema) });
export type SampleItemDetail = z.infer<typeof sampleItemDetailSchema>;
export type SampleDetail = z.infer<typeof sampleDetailSchema>;

const resultCounts = z.object(Object.fromEntries(FINDING_RESULTS.map((r) => [r, z.number().int()])) as Record<(typeof FINDING_RESULTS)[number], z.ZodNumber>);
export const tallySchema = z.object({
  items: z.number().int(),
  itemsReviewed: z.number().int(),
  deviations: z.number().int(),
  deviationRate: z.number().nullable(),
  byResult: resultCounts,
});

/** Totals are over every item; the upper limit is from the random stratum only (see byStratum). */
export const reportSchema = tallySchema.extend({
  confidence: z.number(),
  upperDeviationLimit: z.number(),
  upperLimitMethod: z.enum(["hypergeometric", "binomial"]).describe("hypergeometric: exact over the sample's known population; binomial (Clopper–Pearson) only where the population is not known"),
  byStratum: z.object({ random: tallySchema.extend({ upperDeviationLimit: z.number() }), risk: tallySchema }),
  riskStrata: z
    .array(tallySchema.extend({ reason: z.enum(RISK_REASONS), description: z.string() }))
    .describe("Each risk reason's items apart (random picks that meet it included; an item with two reasons counts in both), e.g. recent_finding: the spends of workers with a major or misuse finding in the last 12 months"),
  complete: z.boolean(),
  monetaryUnit: z
    .object({
      confidence: z.number(),
      bookValue: z.number().int(),
      sampleSize: z.number().int(),
      samplingInterval: z.number().describe("Book value / sample size, minor units, unrounded"),
      basicPrecision: z.number().int(),
      projectedMisstatement: z.number().int(),
      upperMisstatementLimit: z.number().int().describe("The Stringer bound on overstatement, minor units, rounded up"),
      allowanceForSamplingRisk: z.number().int(),
      taintings: z.array(z.number()),
      tolerableMisstatement: z.number().int().nullable(),
      withinTolerable: z.boolean().nullable(),
    })
    .nullable()
    .describe("Monetary-unit samples: the misstatement bounded in money (minor units); null for other methods"),
  deviationDefinition: z.string(),
  statement: z.string(),
  sample: sampleHeadSchema,
});
export type ReportView = z.infer<typeof reportSchema>;
export type Tally = z.infer<typeof tallySchema>;

/** GET /api/audit/samples/:id/verify */
export const verifySchema = z.object({
  matches: z.boolean(),
  populationChanged: z.boolean(),
  recomputedDigest: z.string(),
  recordedDigest: z.string(),
  recordedPopulationSize: z.number().int(),
  currentPopulationSize: z.number().int(),
  expectedItems: z.array(z.string()),
  recordedItems: z.array(z.string()),
  joined: z.array(z.string()).describe("Spends booked in the period now that were not in the population at the draw"),
  left: z.array(z.string()).describe("Spends in the population at the draw that are not now (voided while the month was open)"),
  riskStratum: z
    .object({
      reason: z.literal("recent_finding"),
      since: z.string().nullable(),
      workerIds: z.array(z.string()),
      expectedItems: z.array(z.string()),
      recordedItems: z.array(z.string()),
      matches: z.boolean(),
    })
    .describe("The recent-finding stratum: every population spend of the workers recorded at the draw (ids in code-unit order), against the items recorded with that reason"),
  explanation: z.string(),
});
export type SampleVerdict = z.infer<typeof verifySchema>;

/** GET /api/audit/queue */
export const auditQueueSchema = z.object({
  concerns: z.array(spendViewSchema),
  moreConcerns: z.boolean(),
  openItems: z.array(sampleItemSchema.extend({ sampleId: z.string(), period: z.string(), spend: spendViewSchema }).extend(spendPeopleSchema.shape)),
  moreOpenItems: z.boolean(),
});
export type AuditQueue = z.infer<typeof auditQueueSchema>;
