/**
 * The year's figures for the public (the annual report, and the answer to the front-page story):
 * money and outcomes by category and team, the audit result with its bound, and the speed of the
 * loop. Everything here has already been through disclosure control (insights.ts,
 * disclosure.ts): a withheld figure is null and named in its row's `suppressed`. It never holds a
 * client, a worker, an email or a payee; categories and teams are the only names in it.
 */
import { z } from "zod/mini";
import { csvRecord } from "./export-rows.ts";
import { spreadsheetSafe } from "./spreadsheet-safe.ts";

const OUTCOME_MEASURES = ["spends", "amount", "followUps", "reached", "helped", "helpedRate"] as const;

const publicFiguresSchema = z.object({
  spends: z.nullable(z.int()),
  amount: z.nullable(z.int()).check(z.describe("minor units")),
  followUps: z.nullable(z.int()),
  reached: z.nullable(z.int()),
  helped: z.nullable(z.int()),
  helpedRate: z.nullable(z.number()),
  interval: z.nullable(z.object({ lower: z.number(), upper: z.number(), method: z.literal("wilson"), confidence: z.number() })),
  suppressed: z.array(z.enum(OUTCOME_MEASURES)).check(z.describe("the figures withheld (null) because a count is under 5")),
});

/** The answer of GET /api/public/summary: the API describes it with this, and the public page checks it. */
export const publicSummarySchema = z.object({
  year: z.int(),
  from: z.string(),
  to: z.string(),
  /** Counts below this are withheld. */
  minimumCount: z.int(),
  total: publicFiguresSchema,
  byCategory: z.array(z.extend(publicFiguresSchema, { label: z.string() })),
  byTeam: z.array(z.extend(publicFiguresSchema, { label: z.string() })),
  audit: z.object({
    sampled: z.nullable(z.int()),
    withFinding: z.nullable(z.int()),
    misuseAmount: z.nullable(z.int()),
    deviationUpper: z.nullable(z.number()),
    suppressed: z.array(z.enum(["sampled", "withFinding", "misuseAmount"])),
  }),
  loop: z.object({
    medianDaysToLog: z.nullable(z.number()),
    medianDaysToJustify: z.nullable(z.number()),
    medianDaysToReview: z.nullable(z.number()),
    medianDaysToFollowUp: z.nullable(z.number()),
    suppressed: z.array(z.enum(["medianDaysToLog", "medianDaysToJustify", "medianDaysToReview", "medianDaysToFollowUp"])),
  }),
});
export type PublicSummary = z.infer<typeof publicSummarySchema>;
type PublicFigures = PublicSummary["total"];

export const PUBLIC_SUMMARY_CSV_HEADER = ["section", "group", "measure", "value"] as const;
const WITHHELD = "suppressed";

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
  const outcomes = (section: string, group: string, figures: PublicFigures) => {
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
