/**
 * What an auditor sends: a request to draw a sample and a finding. Shared by the API (validation)
 * and the web app (forms).
 */
import { z } from "zod";
import { FINDING_RESULTS, isDeviation } from "./audit-report.ts";
import { isValidPeriod } from "./dates.ts";
import { DEFAULT_OVERDUE_DAYS } from "./risk-strata.ts";
import { DEFAULT_CONFIDENCE, SAMPLE_METHODS } from "./sample-plan.ts";
import { line, prose } from "./text.ts";

/** Far beyond any audit sample; keeps a typo from asking for millions of hashes. */
export const MAX_SAMPLE_SIZE = 10_000;

const openUnit = (label: string) =>
  z.number({ message: `${label} must be a number between 0 and 1` }).gt(0, `${label} must be more than 0`).lt(1, `${label} must be less than 1`);

export const drawSampleInputSchema = z
  .object({
    period: z.string({ message: "Period is required" }).refine(isValidPeriod, "Period must look like 2026-03"),
    /** Used exactly as given (after trimming): anyone can redraw the sample from it. */
    seed: line(256, "Seed").optional(),
    size: z
      .number({ message: "Size must be a whole number of spends" })
      .int("Size must be a whole number of spends")
      .min(1, "Size must be at least 1")
      .max(MAX_SAMPLE_SIZE, `Size must be ${MAX_SAMPLE_SIZE.toLocaleString("en-GB")} or fewer`)
      .optional(),
    rate: z.number({ message: "Rate must be a number above 0 and at most 1" }).gt(0, "Rate must be more than 0").max(1, "Rate must be at most 1 (all spends)").optional(),
    method: z.enum(SAMPLE_METHODS, { message: `Method must be one of ${SAMPLE_METHODS.join(", ")}` }).default("random"),
    riskRules: z.boolean({ message: "riskRules must be true or false" }).default(true),
    /** Defaults to the strictest rate the period's schemes set, else 5%. */
    tolerableRate: openUnit("Tolerable rate").optional(),
    confidence: openUnit("Confidence").default(DEFAULT_CONFIDENCE),
    /** Minor units; defaults to each spend's scheme setting, if it has one. */
    topStratumAmount: z.number({ message: "Top-stratum amount must be a whole number of pence" }).int("Top-stratum amount must be a whole number of pence").positive("Top-stratum amount must be more than zero").max(Number.MAX_SAFE_INTEGER).optional(),
    overdueDays: z.number({ message: "Overdue days must be a whole number" }).int("Overdue days must be a whole number").min(0, "Overdue days cannot be negative").max(366, "Overdue days must be 366 or fewer").default(DEFAULT_OVERDUE_DAYS),
  })
  .refine((input) => input.size === undefined || input.rate === undefined, { path: ["rate"], message: "Give a size or a rate, not both" });
export type DrawSampleInput = z.infer<typeof drawSampleInputSchema>;

export const findingInputSchema = z
  .object({
    result: z.enum(FINDING_RESULTS, { message: `Result must be one of ${FINDING_RESULTS.join(", ")}` }),
    notes: prose(0, 4000, "Notes").optional().default(""),
  })
  .refine((f) => !isDeviation(f.result) || f.notes.length > 0, { path: ["notes"], message: "Say what was found: a deviation needs notes" });
export type FindingInput = z.infer<typeof findingInputSchema>;
