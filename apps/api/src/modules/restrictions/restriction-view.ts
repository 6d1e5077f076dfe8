import { z } from "zod";
import { RESTRICTION_KINDS } from "@greentape/domain/restrictions";
import type { RestrictionRow } from "./restrictions.queries.ts";

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

export function toRestrictionView(row: RestrictionRow, inForce: boolean): RestrictionView {
  return {
    id: row.id,
    userId: row.userId,
    kind: row.kind,
    reason: row.reason,
    until: row.untilOn,
    perSpendCap: row.perSpendCap,
    perWorkerMonthlyCap: row.perWorkerMonthlyCap,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    liftedAt: row.liftedAt?.toISOString() ?? null,
    liftedBy: row.liftedBy,
    liftReason: row.liftReason,
    inForce,
  };
}
