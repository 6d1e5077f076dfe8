import { z } from "zod/mini";
import { RESTRICTION_KINDS } from "@greentape/domain/restrictions";

export const restrictionViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(RESTRICTION_KINDS),
  reason: z.string(),
  until: z.nullable(z.string()).check(z.describe("The last day it applies (inclusive); null: until lifted")),
  perSpendCap: z.nullable(z.int()),
  perWorkerMonthlyCap: z.nullable(z.int()),
  createdAt: z.string(),
  createdBy: z.string(),
  liftedAt: z.nullable(z.string()),
  liftedBy: z.nullable(z.string()),
  liftReason: z.nullable(z.string()),
  inForce: z.boolean().check(z.describe("Not lifted and not past its last day")),
});
export type RestrictionView = z.infer<typeof restrictionViewSchema>;

/** GET /api/users/:id/restrictions: newest first, lifted and ended ones included. */
export const restrictionListSchema = z.object({ items: z.array(restrictionViewSchema) });
