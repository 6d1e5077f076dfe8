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

const pence = (label: string) =>
  z.number({ message: `${label} must be a whole number of pence` }).int(`${label} must be a whole number of pence`).max(Number.MAX_SAFE_INTEGER, `${label} is far too large`);

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
    /** Monetary-unit sampling, minor units: defaults to the tolerable rate of the period's total. */
    tolerableMisstatement: pence("Tolerable misstatement").positive("Tolerable misstatement must be more than zero").optional(),
    /** Monetary-unit sampling, minor units. */
    expectedMisstatement: pence("Expected misstatement").min(0, "Expected misstatement cannot be negative").optional(),
    overdueDays: z.number({ message: "Overdue days must be a whole number" }).int("Overdue days must be a whole number").min(0, "Overdue days cannot be negative").max(366, "Overdue days must be 366 or fewer").default(DEFAULT_OVERDUE_DAYS),
  })
  .refine((input) => input.size === undefined || input.rate === undefined, { path: ["rate"], message: "Give a size or a rate, not both" })
  .refine((input) => input.method === "monetary_unit" || input.tolerableMisstatement === undefined, {
    path: ["tolerableMisstatement"],
    message: "A tolerable misstatement is for monetary-unit sampling (method monetary_unit) only",
  })
  .refine((input) => input.method === "monetary_unit" || input.expectedMisstatement === undefined, {
    path: ["expectedMisstatement"],
    message: "An expected misstatement is for monetary-unit sampling (method monetary_unit) only",
  });
export type DrawSampleInput = z.infer<typeof drawSampleInputSchema>;

export const findingInputSchema = z
  .object({
    result: z.enum(FINDING_RESULTS, { message: `Result must be one of ${FINDING_RESULTS.join(", ")}` }),
    notes: prose(0, 4000, "Notes").optional().default(""),
    /** Monetary-unit samples: the book amount less the audited amount, in minor units (an overstatement). */
    misstatement: pence("Misstatement").min(0, "Misstatement is the book amount less the audited amount, so it cannot be negative").optional(),
  })
  .refine((f) => !isDeviation(f.result) || f.notes.length > 0, { path: ["notes"], message: "Say what was found: a deviation needs notes" })
  .refine((f) => isDeviation(f.result) || !f.misstatement, { path: ["misstatement"], message: "A misstatement is a deviation: choose minor, major or misuse suspected" });
export type FindingInput = z.infer<typeof findingInputSchema>;
