import { z } from "zod";
import { RESTRICTION_KINDS } from "@greentape/domain/restrictions";

export const restrictionViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  kind: z.enum(RESTRICTION_KINDS),
  reason: z.string(),
  until: z.string().nullable().describe("The last day it applies (inclusive); null: until lifted"),
  perSpendCap: z.number().int().nullable(),
  perWorkerMonthlyCap: z.number().int().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  liftedAt: z.string().nullable(),
  liftedBy: z.string().nullable(),
  liftReason: z.string().nullable(),
  inForce: z.boolean().describe("Not lifted and not past its last day"),
});
export type RestrictionView = z.infer<typeof restrictionViewSchema>;

/** GET /api/users/:id/restrictions: newest first, lifted and ended ones included. */
export const restrictionListSchema = z.object({ items: z.array(restrictionViewSchema) });
