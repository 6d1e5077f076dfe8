import { z } from "zod/mini";

export const schemeViewSchema = z.object({
  id: z.string(),
  version: z.int(),
  name: z.string(),
  currency: z.string(),
  categories: z.array(z.string()),
  perSpendCap: z.nullable(z.int()),
  perClientCap: z.nullable(z.int()),
  perClientWindowDays: z.int(),
  perWorkerMonthlyCap: z.nullable(z.int()),
  teamMonthlyBudget: z.nullable(z.int()),
  justificationDueDays: z.int(),
  followUpDueDays: z.int(),
  graceDays: z.int(),
  teamIds: z.nullable(z.array(z.string())),
  auditSettings: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SchemeView = z.infer<typeof schemeViewSchema>;

/** GET /api/schemes */
export const schemeListSchema = z.object({ items: z.array(schemeViewSchema) });

/** GET /api/schemes/:id: one version, with the numbers of all its versions. */
export const schemeVersionsSchema = z.extend(schemeViewSchema, { versions: z.array(z.int()) });
export type SchemeVersions = z.infer<typeof schemeVersionsSchema>;
