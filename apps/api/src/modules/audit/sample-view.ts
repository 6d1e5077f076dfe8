import { z } from "zod";
import { FINDING_RESULTS } from "@greentape/domain/audit-report";
import { stratumOf } from "@greentape/domain/risk-strata";
import { SAMPLE_METHODS } from "@greentape/domain/sample-plan";
import { spendViewSchema } from "@greentape/contract/spends";
import { toSpendView } from "../spends/index.ts";
import type { SampleItemRow, SampleRow, SpendPeople, SpendRow } from "./audit.queries.ts";

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

export function parametersOf(sample: SampleRow): SampleParameters {
  return sampleParametersSchema.parse(sample.parameters);
}

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

const person = z.object({ id: z.string(), name: z.string() });
export const findingSchema = z.object({
  result: z.enum(FINDING_RESULTS),
  notes: z.string(),
  misstatement: z.number().int().nullable().describe("Monetary-unit samples: book amount less audited amount, minor units"),
  recordedBy: person,
  recordedAt: z.string(),
});
/** Whose spend it is, by name as well as id: lists of sampled spends are read by worker and team. */
export const spendPeopleSchema = z.object({
  worker: person,
  team: z.object({ id: z.string(), name: z.string() }),
  client: z.object({ id: z.string(), reference: z.string() }),
});
export type SpendPeopleView = z.infer<typeof spendPeopleSchema>;

export function toSpendPeople(spend: SpendRow, people: SpendPeople): SpendPeopleView {
  return {
    worker: { id: spend.workerId, name: people.workerName },
    team: { id: spend.teamId, name: people.teamName },
    client: { id: spend.clientId, reference: people.clientReference },
  };
}

export const sampleItemDetailSchema = sampleItemSchema.extend({ spend: spendViewSchema, finding: findingSchema.nullable() }).extend(spendPeopleSchema.shape);
export const sampleDetailSchema = sampleHeadSchema.extend({ items: z.array(sampleItemDetailSchema) });

export type SampleItemView = z.infer<typeof sampleItemSchema>;
export type SampleItemDetail = z.infer<typeof sampleItemDetailSchema>;

export function toSampleHead(sample: SampleRow): z.infer<typeof sampleHeadSchema> {
  const parameters = parametersOf(sample);
  return {
    id: sample.id,
    period: sample.period,
    seed: sample.seed,
    method: sample.method,
    parameters,
    algorithm: sample.algorithm,
    algorithmVersion: sample.algorithmVersion,
    datasetDigest: sample.datasetDigest,
    populationSize: sample.populationSize,
    population: { count: sample.populationSize, total: sample.populationTotal },
    sizeExplanation: parameters.sizeExplanation,
    drawnBy: sample.drawnBy,
    createdAt: sample.createdAt.toISOString(),
    logCheckpoint: sample.logCheckpoint,
  };
}

export function toSampleItem(item: Pick<SampleItemRow, "spendId" | "reasons" | "position">): SampleItemView {
  return { spendId: item.spendId, reason: item.reasons[0] ?? "random", reasons: item.reasons, stratum: stratumOf(item.reasons), position: item.position };
}

export function toSampleView(sample: SampleRow, items: Pick<SampleItemRow, "spendId" | "reasons" | "position">[]): z.infer<typeof sampleSchema> {
  return { ...toSampleHead(sample), items: items.map(toSampleItem) };
}

export function toSampleSummary(sample: SampleRow, counts: { items: number; findings: number }): z.infer<typeof sampleSummarySchema> {
  return { ...toSampleHead(sample), itemCount: counts.items, findingCount: counts.findings };
}

export function toSampleItemDetail(item: SampleItemRow, spend: SpendRow, people: SpendPeople, today: string, nameOf: (id: string) => string): SampleItemDetail {
  const finding =
    item.result !== null && item.findingBy !== null && item.findingAt !== null
      ? { result: item.result, notes: item.notes ?? "", misstatement: item.misstatement, recordedBy: { id: item.findingBy, name: nameOf(item.findingBy) }, recordedAt: item.findingAt.toISOString() }
      : null;
  return { ...toSampleItem(item), spend: toSpendView(spend, today), finding, ...toSpendPeople(spend, people) };
}

export function toSampleDetail(sample: SampleRow, items: SampleItemDetail[]): z.infer<typeof sampleDetailSchema> {
  return { ...toSampleHead(sample), items };
}
