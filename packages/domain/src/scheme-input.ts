import { z } from "zod";
import { line } from "./text.ts";

const cap = (label: string) =>
  z
    .number({ message: `${label} must be a whole number of pence, or null for no cap` })
    .int(`${label} must be a whole number of pence`)
    .positive(`${label} must be more than zero`)
    .max(100_000_000_000, `${label} is too large`)
    .nullable();
const days = (label: string, max: number) =>
  z.number({ message: `${label} must be a number of days` }).int(`${label} must be whole days`).min(1, `${label} must be at least 1`).max(max, `${label} must be ${max} or fewer`);

export const auditSettingsSchema = z
  .object({
    tolerableRate: z.number().gt(0).lt(1).optional(),
    topStratumAmount: z.number().int().positive().optional(),
  })
  .strict();

export const schemeInputSchema = z.object({
  name: line(120, "Name"),
  currency: z.literal("GBP", { message: "Currency must be GBP" }).default("GBP"),
  categories: z
    .array(line(80, "Category"))
    .min(1, "Give at least one category")
    .max(50, "Give at most 50 categories")
    .refine((c) => new Set(c.map((x) => x.toLowerCase())).size === c.length, "Categories must not repeat"),
  perSpendCap: cap("Per-spend cap"),
  perClientCap: cap("Per-client cap"),
  perClientWindowDays: days("Per-client window", 366).default(30),
  perWorkerMonthlyCap: cap("Per-worker monthly cap"),
  teamMonthlyBudget: cap("Team monthly budget"),
  justificationDueDays: days("Days to justify", 90),
  followUpDueDays: days("Days to follow up", 365),
  graceDays: z.number().int().min(0).max(90).default(7),
  teamIds: z.array(z.uuid()).min(1).nullable().default(null),
  auditSettings: auditSettingsSchema.default({}),
});
export type SchemeInput = z.infer<typeof schemeInputSchema>;
