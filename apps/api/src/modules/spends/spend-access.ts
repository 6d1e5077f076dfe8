import type { SpendAccess } from "@greentape/domain/permissions";
import type { SpendRow } from "./spends.queries.ts";

export function toSpendAccess(spend: SpendRow): SpendAccess {
  return { workerId: spend.workerId, teamId: spend.teamId, createdAt: spend.createdAt, voided: spend.voidedAt !== null };
}
