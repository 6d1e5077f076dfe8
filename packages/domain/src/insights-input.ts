/**
 * What the "What it achieved" area asks for: spans of months and the way to group them. Shared by
 * the API (validation) and the web app (its links and forms).
 */
import { z } from "zod/mini";
import { isValidPeriod } from "./dates.ts";

/** Ten years of months: far beyond any report, and it keeps one request's work bounded. */
export const MAX_SPAN_MONTHS = 120;

export const OUTCOME_GROUPINGS = ["category", "team", "scheme", "month"] as const;
export type OutcomeGrouping = (typeof OUTCOME_GROUPINGS)[number];

const period = (label: string) => z.string({ message: `${label} is required, a month like 2026-03` }).check(z.refine(isValidPeriod, `${label} must be a month like 2026-03`));

/** Months between two periods, both counted: 2026-01 to 2026-03 is 3. */
export function monthsInSpan(from: string, to: string): number {
  const index = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

const spanFields = { from: period("From"), to: period("To"), teamId: z.optional(z.uuid({ message: "teamId must be a team's id" })) };

function checkSpan(input: { from: string; to: string }, ctx: z.core.$RefinementCtx): void {
  if (!isValidPeriod(input.from) || !isValidPeriod(input.to)) return;
  const months = monthsInSpan(input.from, input.to);
  if (months < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "To must be the same month as From or later" });
  else if (months > MAX_SPAN_MONTHS) ctx.addIssue({ code: "custom", path: ["to"], message: `A span may cover at most ${MAX_SPAN_MONTHS} months` });
}

/** `from` and `to` inclusive, and optionally one team. */
export const spanQuerySchema = z.object(spanFields).check(z.superRefine(checkSpan));
export type SpanQuery = z.infer<typeof spanQuerySchema>;

export const outcomesQuerySchema = z.object({ ...spanFields, groupBy: z._default(z.enum(OUTCOME_GROUPINGS, { message: `groupBy must be one of ${OUTCOME_GROUPINGS.join(", ")}` }), "category") }).check(z.superRefine(checkSpan));
export type OutcomesQuery = z.infer<typeof outcomesQuerySchema>;

/** Two groups of one grouping side by side, e.g. two teams, two schemes, two months. */
export const outcomesCompareQuerySchema = z.object({
    ...spanFields,
    groupBy: z.enum(OUTCOME_GROUPINGS, { message: `groupBy must be one of ${OUTCOME_GROUPINGS.join(", ")}` }),
    first: z.string({ message: "first is required: a group's key" }).check(z.minLength(1, "first is required: a group's key"), z.maxLength(200)),
    second: z.string({ message: "second is required: a group's key" }).check(z.minLength(1, "second is required: a group's key"), z.maxLength(200)),
  }).check(z.superRefine(checkSpan), z.refine((input) => input.first !== input.second, { path: ["second"], message: "Compare two different groups" }));
export type OutcomesCompareQuery = z.infer<typeof outcomesCompareQuerySchema>;

export const uptakeQuerySchema = z.object({
  period: z.optional(z.string().check(z.refine(isValidPeriod, "period must be a month like 2026-03"))),
  teamId: spanFields.teamId,
});
export type UptakeQuery = z.infer<typeof uptakeQuerySchema>;

export const publicSummaryQuerySchema = z.object({
  year: z.string({ message: "year is required, like 2026" }).check(z.regex(/^\d{4}$/, "year must be four digits, like 2026"), z.refine((y) => Number(y) >= 2000, "year must be 2000 or later")),
  format: z._default(z.enum(["json", "csv"], { message: "format must be json or csv" }), "json"),
});
export type PublicSummaryQuery = z.infer<typeof publicSummaryQuerySchema>;
