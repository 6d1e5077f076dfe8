import { z } from "zod";
import { restrictionViewSchema } from "./restrictions.ts";

const capStateSchema = z.object({ limit: z.number().int().nullable(), used: z.number().int(), remaining: z.number().int().nullable() });

/** GET /api/allowance */
export const allowanceSchema = z.object({
  schemeId: z.string(),
  schemeVersion: z.number().int(),
  schemeName: z.string(),
  currency: z.string(),
  period: z.string(),
  today: z.string(),
  clientId: z.string().nullable(),
  caps: z.object({ perSpend: capStateSchema, perClient: capStateSchema, perWorkerMonthly: capStateSchema, teamMonthly: capStateSchema }),
  maxSpend: z.number().int().nullable(),
  suspended: z.boolean().describe("A suspension of the caller is in force: nothing may be spent until it ends or is lifted"),
  restrictions: z.array(restrictionViewSchema).describe("The caller's restrictions in force, with reasons; lowered caps are already in `caps`"),
});
export type Allowance = z.infer<typeof allowanceSchema>;
