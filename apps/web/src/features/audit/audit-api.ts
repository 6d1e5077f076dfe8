// The auditor's calls: samples (draw, read, verify, findings, report), the queue and the event log.
import { z } from "zod";
import type { DrawSampleInput, FindingInput } from "@greentape/domain/audit-input";
import { FINDING_RESULTS } from "@greentape/domain/audit-report";
import { spendDetailSchema, spendViewSchema } from "@greentape/contract/spends";
import { apiDownload, apiGet, apiPost, apiPut } from "../../lib/api-client.ts";
import type { DownloadedFile } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const person = z.object({ id: z.string(), name: z.string() });

const parametersSchema = z.looseObject({
  size: z.number().int(),
  sizeBasis: z.string(),
  requestedSize: z.number().int().nullish(),
  rate: z.number().nullish(),
  confidence: z.number(),
  tolerableRate: z.number(),
  tolerableRateSource: z.string().optional(),
  riskRules: z.boolean(),
  topStratumAmount: z.number().int().nullish(),
  overdueDays: z.number().int().optional(),
  drawnOn: z.string().optional(),
  datasetDigestVersion: z.string().optional(),
});

const sampleHeadSchema = z.object({
  id: z.string(),
  period: z.string(),
  seed: z.string(),
  method: z.string(),
  parameters: parametersSchema,
  algorithm: z.string(),
  algorithmVersion: z.string(),
  datasetDigest: z.string(),
  populationSize: z.number().int(),
  sizeExplanation: z.string(),
  drawnBy: z.string().optional(),
  createdAt: z.string(),
});

const findingSchema = z.object({ result: z.enum(FINDING_RESULTS), notes: z.string().default(""), recordedBy: person, recordedAt: z.string() });

const sampleItemSchema = z.object({
  spendId: z.string(),
  reason: z.string(),
  reasons: z.array(z.string()),
  stratum: z.enum(["random", "risk"]),
  position: z.number().int(),
});

/** Whose spend it is: the worker and team by name, and the client's reference. */
const spendPeopleSchema = z.object({
  worker: person,
  team: z.object({ id: z.string(), name: z.string() }),
  client: z.object({ id: z.string(), reference: z.string() }),
});

const sampleItemDetailSchema = sampleItemSchema.extend({ spend: spendViewSchema, finding: findingSchema.nullable() }).extend(spendPeopleSchema.shape);
export type SampleItemDetail = z.infer<typeof sampleItemDetailSchema>;

const sampleDetailSchema = sampleHeadSchema.extend({ items: z.array(sampleItemDetailSchema) });
export type SampleDetail = z.infer<typeof sampleDetailSchema>;

const drawnSampleSchema = sampleHeadSchema.extend({ items: z.array(sampleItemSchema) });

const sampleListSchema = z.object({
  items: z.array(sampleHeadSchema.extend({ itemCount: z.number().int(), findingCount: z.number().int() })),
  nextCursor: z.string().nullish(),
});

const verifySchema = z.looseObject({
  matches: z.boolean(),
  populationChanged: z.boolean(),
  recordedPopulationSize: z.number().int().optional(),
  currentPopulationSize: z.number().int().optional(),
  joined: z.array(z.string()).default([]),
  left: z.array(z.string()).default([]),
  explanation: z.string().optional(),
});
export type SampleVerdict = z.infer<typeof verifySchema>;

const resultCounts = z.record(z.string(), z.number().int());
const tallySchema = z.object({
  items: z.number().int(),
  itemsReviewed: z.number().int(),
  deviations: z.number().int(),
  deviationRate: z.number().nullable(),
  byResult: resultCounts,
});
export type Tally = z.infer<typeof tallySchema>;

const reportSchema = tallySchema.extend({
  confidence: z.number(),
  upperDeviationLimit: z.number(),
  upperLimitMethod: z.enum(["hypergeometric", "binomial"]),
  monetaryUnit: z
    .object({
      confidence: z.number(),
      bookValue: z.number().int(),
      sampleSize: z.number().int(),
      samplingInterval: z.number(),
      projectedMisstatement: z.number().int(),
      upperMisstatementLimit: z.number().int(),
      tolerableMisstatement: z.number().int().nullable(),
      withinTolerable: z.boolean().nullable(),
    })
    .nullable()
    .default(null),
  byStratum: z.object({ random: tallySchema.extend({ upperDeviationLimit: z.number() }), risk: tallySchema }),
  complete: z.boolean(),
  deviationDefinition: z.string().optional(),
  statement: z.string().optional(),
  sample: sampleHeadSchema,
});
export type SampleReport = z.infer<typeof reportSchema>;

const queueSchema = z.object({
  concerns: z.array(spendViewSchema),
  moreConcerns: z.boolean().default(false),
  openItems: z.array(sampleItemSchema.extend({ sampleId: z.string(), period: z.string(), spend: spendViewSchema }).extend(spendPeopleSchema.shape)),
  moreOpenItems: z.boolean().default(false),
});
export type AuditQueue = z.infer<typeof queueSchema>;

const logVerdictSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  treeSize: z.number().int().nullable().default(null),
  rootHash: z.string().optional(),
  problem: z.string().optional(),
  reason: z.string().optional(),
  firstBadIndex: z.number().int().optional(),
  firstBrokenId: z.number().int().optional(),
});
export type LogVerdict = z.infer<typeof logVerdictSchema>;

const samplePath = (id: string) => `/api/audit/samples/${encodeURIComponent(id)}`;

export function useSamples() {
  return useApiData("/api/audit/samples?limit=200", sampleListSchema);
}

export function useSample(sampleId: string) {
  return useApiData(samplePath(sampleId), sampleDetailSchema);
}

export function useReport(sampleId: string) {
  return useApiData(`${samplePath(sampleId)}/report`, reportSchema);
}

export function useAuditQueue() {
  return useApiData("/api/audit/queue", queueSchema);
}

export function useSpendCase(spendId: string) {
  return useApiData(`/api/spends/${encodeURIComponent(spendId)}`, spendDetailSchema);
}

/** Draws a sample; the answer names it (201). */
export async function drawSample(input: Partial<DrawSampleInput> & { period: string }): Promise<{ id: string }> {
  return drawnSampleSchema.parse(await apiPost<unknown>("/api/audit/samples", input));
}

export async function verifySample(sampleId: string): Promise<SampleVerdict> {
  return verifySchema.parse(await apiGet<unknown>(`${samplePath(sampleId)}/verify`));
}

export async function recordFinding(sampleId: string, spendId: string, input: FindingInput): Promise<SampleItemDetail> {
  const answer = await apiPut<unknown>(`${samplePath(sampleId)}/items/${encodeURIComponent(spendId)}/finding`, input);
  return sampleItemDetailSchema.parse(answer);
}

/** The report as a file: `csv` (one row per item) or `html` (printable). */
export function downloadReport(sampleId: string, format: "csv" | "html"): Promise<DownloadedFile> {
  return apiDownload(`${samplePath(sampleId)}/report?format=${format}`);
}

/** The server rebuilds the log's tree from every event and checks it against every signed checkpoint, and `saved` if given. */
export async function verifyEventLog(saved?: string): Promise<LogVerdict> {
  const query = saved ? `?checkpoint=${encodeURIComponent(saved)}` : "";
  return logVerdictSchema.parse(await apiGet<unknown>(`/api/audit/events/verify${query}`));
}
