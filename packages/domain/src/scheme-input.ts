import { z } from "zod/mini";
import { line } from "./text.ts";

const cap = (label: string) =>
  z.nullable(z.number({ message: `${label} must be a whole number of pence, or null for no cap` }).check(z.int(`${label} must be a whole number of pence`), z.positive(`${label} must be more than zero`), z.lte(100_000_000_000, `${label} is too large`)));
const days = (label: string, max: number) =>
  z.number({ message: `${label} must be a number of days` }).check(z.int(`${label} must be whole days`), z.gte(1, `${label} must be at least 1`), z.lte(max, `${label} must be ${max} or fewer`));

export const auditSettingsSchema = z.strictObject({
    tolerableRate: z.optional(z.number().check(z.gt(0), z.lt(1))),
    topStratumAmount: z.optional(z.int().check(z.positive())),
  });

export const schemeInputSchema = z.object({
  name: line(120, "Name"),
  currency: z._default(z.literal("GBP", { message: "Currency must be GBP" }), "GBP"),
  categories: z.array(line(80, "Category")).check(z.minLength(1, "Give at least one category"), z.maxLength(50, "Give at most 50 categories"), z.refine((c) => new Set(c.map((x) => x.toLowerCase())).size === c.length, "Categories must not repeat")),
  perSpendCap: cap("Per-spend cap"),
  perClientCap: cap("Per-client cap"),
  perClientWindowDays: z._default(days("Per-client window", 366), 30),
  perWorkerMonthlyCap: cap("Per-worker monthly cap"),
  teamMonthlyBudget: cap("Team monthly budget"),
  justificationDueDays: days("Days to justify", 90),
  followUpDueDays: days("Days to follow up", 365),
  graceDays: z._default(z.int().check(z.gte(0), z.lte(90)), 7),
  teamIds: z._default(z.nullable(z.array(z.uuid()).check(z.minLength(1))), null),
  auditSettings: z._default(auditSettingsSchema, {}),
});
export type SchemeInput = z.infer<typeof schemeInputSchema>;
