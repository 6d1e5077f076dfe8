import type { z } from "zod";
import {
  type SampleItemDetail,
  type sampleDetailSchema,
  type sampleHeadSchema,
  type sampleItemSchema,
  sampleParametersSchema,
  type SampleParameters,
  type sampleSchema,
  type sampleSummarySchema,
  type SpendPeopleView,
} from "@greentape/contract/audit";
import { stratumOf } from "@greentape/domain/risk-strata";
import { toSpendView } from "../spends/index.ts";
import type { SampleItemRow, SampleRow, SpendPeople, SpendRow } from "./audit.queries.ts";

export function parametersOf(sample: SampleRow): SampleParameters {
  return sampleParametersSchema.parse(sample.parameters);
}

export function toSpendPeople(spend: SpendRow, people: SpendPeople): SpendPeopleView {
  return {
    worker: { id: spend.workerId, name: people.workerName },
    team: { id: spend.teamId, name: people.teamName },
    client: { id: spend.clientId, reference: people.clientReference },
  };
}

export type SampleItemView = z.infer<typeof sampleItemSchema>;

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
