import { z } from "zod";

export const schemeViewSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  currency: z.string(),
  categories: z.array(z.string()),
  perSpendCap: z.number().int().nullable(),
  perClientCap: z.number().int().nullable(),
  perClientWindowDays: z.number().int(),
  perWorkerMonthlyCap: z.number().int().nullable(),
  teamMonthlyBudget: z.number().int().nullable(),
  justificationDueDays: z.number().int(),
  followUpDueDays: z.number().int(),
  graceDays: z.number().int(),
  teamIds: z.array(z.string()).nullable(),
  auditSettings: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type SchemeView = z.infer<typeof schemeViewSchema>;

/** GET /api/schemes */
export const schemeListSchema = z.object({ items: z.array(schemeViewSchema) });

/** GET /api/schemes/:id: one version, with the numbers of all its versions. */
export const schemeVersionsSchema = schemeViewSchema.extend({ versions: z.array(z.number().int()) });
export type SchemeVersions = z.infer<typeof schemeVersionsSchema>;
