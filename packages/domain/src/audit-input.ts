/**
 * What an auditor sends: a request to draw a sample and a finding. Shared by the API (validation)
 * and the web app (forms).
 */
import { z } from "zod/mini";
import { FINDING_RESULTS, isDeviation } from "./audit-report.ts";
import { isValidPeriod } from "./dates.ts";
import { DEFAULT_OVERDUE_DAYS } from "./risk-strata.ts";
import { DEFAULT_CONFIDENCE, SAMPLE_METHODS } from "./sample-plan.ts";
import { line, prose } from "./text.ts";

/** Far beyond any audit sample; keeps a typo from asking for millions of hashes. */
export const MAX_SAMPLE_SIZE = 10_000;

const pence = (label: string) =>
  z.number({ message: `${label} must be a whole number of pence` }).check(z.int(`${label} must be a whole number of pence`), z.lte(Number.MAX_SAFE_INTEGER, `${label} is far too large`));

const openUnit = (label: string) =>
  z.number({ message: `${label} must be a number between 0 and 1` }).check(z.gt(0, `${label} must be more than 0`), z.lt(1, `${label} must be less than 1`));

export const drawSampleInputSchema = z.object({
    period: z.string({ message: "Period is required" }).check(z.refine(isValidPeriod, "Period must look like 2026-03")),
    /** Used exactly as given (after trimming): anyone can redraw the sample from it. */
    seed: z.optional(line(256, "Seed")),
    size: z.optional(z.number({ message: "Size must be a whole number of spends" }).check(z.int("Size must be a whole number of spends"), z.gte(1, "Size must be at least 1"), z.lte(MAX_SAMPLE_SIZE, `Size must be ${MAX_SAMPLE_SIZE.toLocaleString("en-GB")} or fewer`))),
    rate: z.optional(z.number({ message: "Rate must be a number above 0 and at most 1" }).check(z.gt(0, "Rate must be more than 0"), z.lte(1, "Rate must be at most 1 (all spends)"))),
    method: z._default(z.enum(SAMPLE_METHODS, { message: `Method must be one of ${SAMPLE_METHODS.join(", ")}` }), "random"),
    riskRules: z._default(z.boolean({ message: "riskRules must be true or false" }), true),
    /** Defaults to the strictest rate the period's schemes set, else 5%. */
    tolerableRate: z.optional(openUnit("Tolerable rate")),
    confidence: z._default(openUnit("Confidence"), DEFAULT_CONFIDENCE),
    /** Minor units; defaults to each spend's scheme setting, if it has one. */
    topStratumAmount: z.optional(z.number({ message: "Top-stratum amount must be a whole number of pence" }).check(z.int("Top-stratum amount must be a whole number of pence"), z.positive("Top-stratum amount must be more than zero"), z.lte(Number.MAX_SAFE_INTEGER))),
    /** Monetary-unit sampling, minor units: defaults to the tolerable rate of the period's total. */
    tolerableMisstatement: z.optional(pence("Tolerable misstatement").check(z.positive("Tolerable misstatement must be more than zero"))),
    /** Monetary-unit sampling, minor units. */
    expectedMisstatement: z.optional(pence("Expected misstatement").check(z.gte(0, "Expected misstatement cannot be negative"))),
    overdueDays: z._default(z.number({ message: "Overdue days must be a whole number" }).check(z.int("Overdue days must be a whole number"), z.gte(0, "Overdue days cannot be negative"), z.lte(366, "Overdue days must be 366 or fewer")), DEFAULT_OVERDUE_DAYS),
  }).check(z.refine((input) => input.size === undefined || input.rate === undefined, { path: ["rate"], message: "Give a size or a rate, not both" }), z.refine((input) => input.method === "monetary_unit" || input.tolerableMisstatement === undefined, {
    path: ["tolerableMisstatement"],
    message: "A tolerable misstatement is for monetary-unit sampling (method monetary_unit) only",
  }), z.refine((input) => input.method === "monetary_unit" || input.expectedMisstatement === undefined, {
    path: ["expectedMisstatement"],
    message: "An expected misstatement is for monetary-unit sampling (method monetary_unit) only",
  }));
export type DrawSampleInput = z.infer<typeof drawSampleInputSchema>;

export const findingInputSchema = z.object({
    result: z.enum(FINDING_RESULTS, { message: `Result must be one of ${FINDING_RESULTS.join(", ")}` }),
    notes: z._default(z.optional(prose(0, 4000, "Notes")), ""),
    /** Monetary-unit samples: the book amount less the audited amount, in minor units (an overstatement). */
    misstatement: z.optional(pence("Misstatement").check(z.gte(0, "Misstatement is the book amount less the audited amount, so it cannot be negative"))),
  }).check(z.refine((f) => !isDeviation(f.result) || f.notes.length > 0, { path: ["notes"], message: "Say what was found: a deviation needs notes" }), z.refine((f) => isDeviation(f.result) || !f.misstatement, { path: ["misstatement"], message: "A misstatement is a deviation: choose minor, major or misuse suspected" }));
export type FindingInput = z.infer<typeof findingInputSchema>;
