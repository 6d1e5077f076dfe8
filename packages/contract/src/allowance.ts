import { z } from "zod/mini";
import { restrictionViewSchema } from "./restrictions.ts";

const capStateSchema = z.object({ limit: z.nullable(z.int()), used: z.int(), remaining: z.nullable(z.int()) });

/** GET /api/allowance */
export const allowanceSchema = z.object({
  schemeId: z.string(),
  schemeVersion: z.int(),
  schemeName: z.string(),
  currency: z.string(),
  period: z.string(),
  today: z.string(),
  clientId: z.nullable(z.string()),
  caps: z.object({ perSpend: capStateSchema, perClient: capStateSchema, perWorkerMonthly: capStateSchema, teamMonthly: capStateSchema }),
  maxSpend: z.nullable(z.int()),
  suspended: z.boolean().check(z.describe("A suspension of the caller is in force: nothing may be spent until it ends or is lifted")),
  restrictions: z.array(restrictionViewSchema).check(z.describe("The caller's restrictions in force, with reasons; lowered caps are already in `caps`")),
});
export type Allowance = z.infer<typeof allowanceSchema>;
