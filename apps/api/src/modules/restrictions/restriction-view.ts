import type { RestrictionView } from "@greentape/contract/restrictions";
import type { RestrictionRow } from "./restrictions.queries.ts";

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
