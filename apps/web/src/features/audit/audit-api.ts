// The auditor's calls: samples (draw, read, verify, findings, report), the queue and the event log.
import {
  auditQueueSchema,
  reportSchema,
  sampleDetailSchema,
  type SampleItemDetail,
  sampleItemDetailSchema,
  sampleListSchema,
  sampleSchema,
  type SampleVerdict,
  verifySchema,
} from "@greentape/contract/audit";
import { type LogVerdict, logVerdictSchema } from "@greentape/contract/log";
import type { DrawSampleInput, FindingInput } from "@greentape/domain/audit-input";
import { spendDetailSchema } from "@greentape/contract/spends";
import { apiDownload, apiGet, apiPost, apiPut } from "../../lib/api-client.ts";
import type { DownloadedFile } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

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
  return useApiData("/api/audit/queue", auditQueueSchema);
}

export function useSpendCase(spendId: string) {
  return useApiData(`/api/spends/${encodeURIComponent(spendId)}`, spendDetailSchema);
}

/** Draws a sample; the answer names it (201). */
export async function drawSample(input: Partial<DrawSampleInput> & { period: string }): Promise<{ id: string }> {
  return sampleSchema.parse(await apiPost<unknown>("/api/audit/samples", input));
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
