import { z } from "zod/mini";
import { PERIOD_STATUSES } from "@greentape/domain/dates";
import { XERO_ACCOUNT_CODE } from "@greentape/domain/export-rows";

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

/** POST /api/periods/:period/close */
export const closePeriodBodySchema = z.object({
  confirm: z.literal(true, { message: "Confirm the close with confirm: true" }),
  expectedUnjustified: z.optional(z.int().check(z.gte(0))),
});

/** The files a period exports to. */
export const EXPORT_FORMATS = ["csv", "xlsx", "json", "xero"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats that are CSV, which may start with a byte order mark. */
export const CSV_FORMATS: readonly ExportFormat[] = ["csv", "xero"];

const bomQuery = z
  ._default(z.pipe(z.enum(["true", "false"], { message: "bom must be true or false" }), z.transform((value) => value === "true")), false)
  .check(z.describe("`true` starts the CSV with a UTF-8 byte order mark, so Excel on Windows reads £ and accents right. The sha256 recorded at close is of the file without it."));

/** GET /api/exports/:period */
export const exportQuerySchema = z
  .object({
    format: z._default(z.enum(EXPORT_FORMATS, { message: `Format must be one of ${EXPORT_FORMATS.join(", ")}` }), "csv"),
    clearingAccount: z.optional(z.string().check(z.regex(XERO_ACCOUNT_CODE, "Clearing account must be a Xero account code: 1-10 letters, digits, dots or dashes"))),
    bom: bomQuery,
  })
  .check(z.refine((query) => !query.bom || CSV_FORMATS.includes(query.format), { message: `bom applies to the CSV formats only (${CSV_FORMATS.join(", ")})`, path: ["bom"] }));

/** GET /api/exports/:period/transparency.csv */
export const transparencyQuerySchema = z.object({ bom: bomQuery });
