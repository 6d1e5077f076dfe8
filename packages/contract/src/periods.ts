import { z } from "zod/mini";
import { PERIOD_STATUSES } from "@greentape/domain/dates";

export const periodViewSchema = z.object({
  period: z.string(),
  status: z.enum(PERIOD_STATUSES),
  count: z.int().check(z.describe("Spends booked into the period: not voided; reversals are not spends")),
  total: z.int().check(z.describe("Net of voids and reversals, in minor units")),
  unjustifiedCount: z.int().check(z.describe("Spends not voided whose justification is still due or queried: for a closed period, frozen at what the close showed")),
  liveUnjustifiedCount: z.int().check(z.describe("The same count as it is now (live): for a closed period it moves as justifications arrive and spends are voided")),
  closedAt: z.nullable(z.string()),
  closedBy: z.nullable(z.string()),
  closedByName: z.nullable(z.string()),
  exportSha256: z.nullable(z.string()),
  logCheckpoint: z.nullable(z.string()).check(z.describe("The event log's signed checkpoint current at close, as every file of the month carries it")),
});
export type PeriodView = z.infer<typeof periodViewSchema>;

/** GET /api/periods */
export const periodListSchema = z.object({ items: z.array(periodViewSchema) });

/** GET /api/periods/:period, and what closing it answers: what the close confirmation shows. */
export const periodDetailSchema = z.extend(periodViewSchema, {
  unmappedCategories: z.array(z.string()).check(z.describe("Categories booked in an open period that have no ledger code; closing is refused until they have one")),
});
export type PeriodDetail = z.infer<typeof periodDetailSchema>;

const breakdownGroupSchema = z.object({
  key: z.string().check(z.describe("The team's name, the category, the scheme's name, or the payment method's code")),
  label: z.string().check(z.describe("How to show the key: a payment method's name, otherwise the key")),
  currency: z.string(),
  count: z.int().check(z.describe("Spends that count in the period: not voided; reversals are not spends")),
  total: z.int().check(z.describe("Net, in minor units: counted spends plus reversals (negative) booked in the period")),
});
export type BreakdownGroup = z.infer<typeof breakdownGroupSchema>;

/** GET /api/periods/:period/breakdown */
export const breakdownSchema = z.object({
  period: z.string(),
  status: z.enum(PERIOD_STATUSES),
  totals: z.array(z.object({ currency: z.string(), count: z.int(), total: z.int() })).check(z.describe("Per currency: what each dimension's groups add up to, the period's count and total")),
  groups: z.object({
      team: z.array(breakdownGroupSchema),
      category: z.array(breakdownGroupSchema),
      scheme: z.array(breakdownGroupSchema),
      paymentMethod: z.array(breakdownGroupSchema),
    }).check(z.describe("Each dimension's groups, largest net total first")),
});
export type Breakdown = z.infer<typeof breakdownSchema>;
