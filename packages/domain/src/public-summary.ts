/**
 * The year's figures for the public (the annual report, and the answer to the front-page story):
 * money and outcomes by category and team, the audit result with its bound, and the speed of the
 * loop. Everything here has already been through disclosure control (insights.ts,
 * disclosure.ts): a withheld figure is null and named in its row's `suppressed`. It never holds a
 * client, a worker, an email or a payee; categories and teams are the only names in it.
 */
import { csvRecord } from "./export-rows.ts";
import type { PublicOutcomeFigures } from "./insights.ts";
import { spreadsheetSafe } from "./spreadsheet-safe.ts";

export interface PublicGroup extends PublicOutcomeFigures {
  label: string;
}

export interface PublicSummary {
  year: number;
  from: string;
  to: string;
  /** Counts below this are withheld. */
  minimumCount: number;
  total: PublicOutcomeFigures;
  byCategory: PublicGroup[];
  byTeam: PublicGroup[];
  audit: {
    sampled: number | null;
    withFinding: number | null;
    misuseAmount: number | null;
    deviationUpper: number | null;
    suppressed: Array<"sampled" | "withFinding" | "misuseAmount">;
  };
  loop: {
    medianDaysToLog: number | null;
    medianDaysToJustify: number | null;
    medianDaysToReview: number | null;
    medianDaysToFollowUp: number | null;
    suppressed: Array<"medianDaysToLog" | "medianDaysToJustify" | "medianDaysToReview" | "medianDaysToFollowUp">;
  };
}

export const PUBLIC_SUMMARY_CSV_HEADER = ["section", "group", "measure", "value"] as const;
const WITHHELD = "suppressed";

const OUTCOME_MEASURES = ["spends", "amount", "followUps", "reached", "helped", "helpedRate"] as const;

function cell(value: number | null, suppressed: boolean): string {
  if (suppressed) return WITHHELD;
  return value === null ? "" : String(value);
}

/**
 * One row per figure (section, group, measure, value), so a spreadsheet can filter and pivot it;
 * a withheld figure reads "suppressed". Amounts are minor units, rates fractions of 1, the
 * interval as two measures.
 */
export function publicSummaryCsv(summary: PublicSummary): string {
  const lines = [csvRecord(PUBLIC_SUMMARY_CSV_HEADER)];
  const row = (section: string, group: string, measure: string, value: string) => lines.push(csvRecord([section, spreadsheetSafe(group), measure, value]));
  const outcomes = (section: string, group: string, figures: PublicOutcomeFigures) => {
    const hidden = new Set<string>(figures.suppressed);
    for (const measure of OUTCOME_MEASURES) row(section, group, measure, cell(figures[measure], hidden.has(measure)));
    row(section, group, "helpedRateLower", cell(figures.interval?.lower ?? null, hidden.has("helpedRate")));
    row(section, group, "helpedRateUpper", cell(figures.interval?.upper ?? null, hidden.has("helpedRate")));
  };
  outcomes("total", String(summary.year), summary.total);
  for (const g of summary.byCategory) outcomes("category", g.label, g);
  for (const g of summary.byTeam) outcomes("team", g.label, g);
  const auditHidden = new Set<string>(summary.audit.suppressed);
  for (const measure of ["sampled", "withFinding", "misuseAmount", "deviationUpper"] as const) {
    row("audit", String(summary.year), measure, cell(summary.audit[measure], auditHidden.has(measure)));
  }
  const loopHidden = new Set<string>(summary.loop.suppressed);
  for (const measure of ["medianDaysToLog", "medianDaysToJustify", "medianDaysToReview", "medianDaysToFollowUp"] as const) {
    row("loop", String(summary.year), measure, cell(summary.loop[measure], loopHidden.has(measure)));
  }
  return lines.join("");
}
