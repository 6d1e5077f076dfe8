// The auditor's shapes: samples as drawn and read, findings, verification, the report and the queue.
import { z } from "zod/mini";
import { FINDING_RESULTS } from "@greentape/domain/audit-report";
import { RISK_REASONS } from "@greentape/domain/risk-strata";
import { SAMPLE_METHODS } from "@greentape/domain/sample-plan";
import { personSchema, spendViewSchema } from "./spends.ts";

/**
 * Everything a draw was made with, as recorded in audit_samples.parameters. `size` is the random
 * part's resolved size: verification redraws exactly that many, whatever the population is now.
 */
export const sampleParametersSchema = z.object({
  size: z.int(),
  sizeBasis: z.enum(["size", "rate", "attribute", "monetary_unit"]),
  sizeExplanation: z.string(),
  requestedSize: z.nullable(z.int()),
  rate: z.nullable(z.number()),
  confidence: z.number(),
  tolerableRate: z.number(),
  tolerableRateSource: z.enum(["request", "scheme", "default"]),
  /** Monetary-unit samples, minor units (null for other methods and for samples drawn before they were kept). */
  tolerableMisstatement: z._default(z.nullable(z.int()), null),
  expectedMisstatement: z._default(z.nullable(z.int()), null),
  expectedDeviations: z.int(),
  riskRules: z.boolean(),
  topStratumAmount: z.nullable(z.int()),
  overdueDays: z.int(),
  /** The council's today at the draw: the day the overdue rule was judged on. */
  drawnOn: z.string(),
  datasetDigestVersion: z.string(),
  /** Workers with a major or misuse finding recorded from recentFindingSince to the draw: all their spends are in the recent-finding stratum. Absent before that stratum existed. */
  recentFindingWorkerIds: z._default(z.array(z.string()), []),
  recentFindingSince: z._default(z.nullable(z.string()), null),
});
export type SampleParameters = z.infer<typeof sampleParametersSchema>;

export const sampleItemSchema = z.object({
  spendId: z.string(),
  /** The first of `reasons`: "random" for the random part. */
  reason: z.string(),
  reasons: z.array(z.string()),
  stratum: z.enum(["random", "risk"]),
  position: z.int(),
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
  populationSize: z.int(),
  population: z.object({ count: z.int(), total: z.nullable(z.int()).check(z.describe("Minor units; null for samples drawn before the total was kept")) }).check(z.describe("The spends booked in the period at the draw (for a closed month, the rows frozen at its close)")),
  sizeExplanation: z.string(),
  drawnBy: z.string(),
  createdAt: z.string(),
  logCheckpoint: z.nullable(z.string()).check(z.describe("The event log's signed checkpoint current at the draw (null for samples drawn before the log had checkpoints)")),
});

export const sampleSchema = z.extend(sampleHeadSchema, { items: z.array(sampleItemSchema) });
export const sampleSummarySchema = z.extend(sampleHeadSchema, { itemCount: z.int(), findingCount: z.int() });

/** GET /api/audit/samples */
export const sampleListSchema = z.object({ items: z.array(sampleSummarySchema), nextCursor: z.nullable(z.string()) });

export const findingSchema = z.object({
  result: z.enum(FINDING_RESULTS),
  notes: z.string(),
  misstatement: z.nullable(z.int()).check(z.describe("Monetary-unit samples: book amount less audited amount, minor units")),
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

export const sampleItemDetailSchema = z.extend(z.extend(sampleItemSchema, { spend: spendViewSchema, finding: z.nullable(findingSchema) }), spendPeopleSchema.shape);
export const sampleDetailSchema = z.extend(sampleHeadSchema, { items: z.array(sampleItemDetailSchema) });
export type SampleItemDetail = z.infer<typeof sampleItemDetailSchema>;
export type SampleDetail = z.infer<typeof sampleDetailSchema>;

const resultCounts = z.object(Object.fromEntries(FINDING_RESULTS.map((r) => [r, z.int()])) as Record<(typeof FINDING_RESULTS)[number], z.ZodMiniInt>);
export const tallySchema = z.object({
  items: z.int(),
  itemsReviewed: z.int(),
  deviations: z.int(),
  deviationRate: z.nullable(z.number()),
  byResult: resultCounts,
});

/** Totals are over every item; the upper limit is from the random stratum only (see byStratum). */
export const reportSchema = z.extend(tallySchema, {
  confidence: z.number(),
  upperDeviationLimit: z.number(),
  upperLimitMethod: z.enum(["hypergeometric", "binomial"]).check(z.describe("hypergeometric: exact over the sample's known population; binomial (Clopper–Pearson) only where the population is not known")),
  byStratum: z.object({ random: z.extend(tallySchema, { upperDeviationLimit: z.number() }), risk: tallySchema }),
  riskStrata: z.array(z.extend(tallySchema, { reason: z.enum(RISK_REASONS), description: z.string() })).check(z.describe("Each risk reason's items apart (random picks that meet it included; an item with two reasons counts in both), e.g. recent_finding: the spends of workers with a major or misuse finding in the last 12 months")),
  complete: z.boolean(),
  monetaryUnit: z.nullable(z.object({
      confidence: z.number(),
      bookValue: z.int(),
      sampleSize: z.int(),
      samplingInterval: z.number().check(z.describe("Book value / sample size, minor units, unrounded")),
      basicPrecision: z.int(),
      projectedMisstatement: z.int(),
      upperMisstatementLimit: z.int().check(z.describe("The Stringer bound on overstatement, minor units, rounded up")),
      allowanceForSamplingRisk: z.int(),
      taintings: z.array(z.number()),
      tolerableMisstatement: z.nullable(z.int()),
      withinTolerable: z.nullable(z.boolean()),
    })).check(z.describe("Monetary-unit samples: the misstatement bounded in money (minor units); null for other methods")),
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
  recordedPopulationSize: z.int(),
  currentPopulationSize: z.int(),
  expectedItems: z.array(z.string()),
  recordedItems: z.array(z.string()),
  joined: z.array(z.string()).check(z.describe("Spends booked in the period now that were not in the population at the draw")),
  left: z.array(z.string()).check(z.describe("Spends in the population at the draw that are not now (voided while the month was open)")),
  riskStratum: z.object({
      reason: z.literal("recent_finding"),
      since: z.nullable(z.string()),
      workerIds: z.array(z.string()),
      expectedItems: z.array(z.string()),
      recordedItems: z.array(z.string()),
      matches: z.boolean(),
    }).check(z.describe("The recent-finding stratum: every population spend of the workers recorded at the draw (ids in code-unit order), against the items recorded with that reason")),
  explanation: z.string(),
});
export type SampleVerdict = z.infer<typeof verifySchema>;

/** GET /api/audit/queue */
export const auditQueueSchema = z.object({
  concerns: z.array(spendViewSchema),
  moreConcerns: z.boolean(),
  openItems: z.array(z.extend(z.extend(sampleItemSchema, { sampleId: z.string(), period: z.string(), spend: spendViewSchema }), spendPeopleSchema.shape)),
  moreOpenItems: z.boolean(),
});
export type AuditQueue = z.infer<typeof auditQueueSchema>;
