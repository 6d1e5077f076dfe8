// What the "What it achieved" area reads: the insights endpoints (API.md "Insights"), each answer
// checked against the contract before a page shows it.
import { equityResponseSchema, outcomesResponseSchema, summaryResponseSchema, uptakeResponseSchema } from "@greentape/contract/insights";
import type { OutcomeGrouping } from "@greentape/domain/insights-input";
import { useApiData } from "../../lib/use-api-data.ts";

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
  return useApiData(`/api/insights/outcomes${query({ ...span, groupBy })}`, outcomesResponseSchema);
}

/** Who the spend reaches across a caseload (`GET /api/insights/equity`). */
export function useEquity(span: SpanParams) {
  return useApiData(`/api/insights/equity${query({ ...span })}`, equityResponseSchema);
}

/** Value beside misuse, and the speed of the loop, for a span (`GET /api/insights/summary`). */
export function useSummary(span: SpanParams) {
  return useApiData(`/api/insights/summary${query({ from: span.from, to: span.to })}`, summaryResponseSchema);
}

/** How much of the freedom each team uses in a month, and who has not used it lately (`GET /api/insights/uptake`). */
export function useUptake(period: string) {
  return useApiData(`/api/insights/uptake${query({ period })}`, uptakeResponseSchema);
}
