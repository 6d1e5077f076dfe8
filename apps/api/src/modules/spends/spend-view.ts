import type { SpendView } from "@greentape/contract/spends";
import { justificationOverdue, followUpOverdue } from "@greentape/domain/tracks";
import type { SpendRow, SpendViewColumn } from "./spends.queries.ts";

/** The spend as answers show it. Overdue is derived from today, never stored. */
export function toSpendView(row: Pick<SpendRow, SpendViewColumn>, today: string): SpendView {
  const voided = row.voidedAt !== null;
  return {
    id: row.id,
    workerId: row.workerId,
    teamId: row.teamId,
    clientId: row.clientId,
    schemeId: row.schemeId,
    schemeVersion: row.schemeVersion,
    amount: row.amount,
    currency: row.currency,
    category: row.category,
    payee: row.payee,
    payeeType: row.payeeType,
    paymentMethod: row.paymentMethod,
    irrecoverableVat: row.vatAmount,
    spentOn: row.spentOn,
    period: row.period,
    bookedPeriod: row.bookedPeriod,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    voided,
    voidedAt: row.voidedAt?.toISOString() ?? null,
    voidReason: row.voidReason,
    justificationStatus: row.justificationStatus,
    justificationDueOn: row.justificationDueOn,
    justificationOverdue: !voided && justificationOverdue({ status: row.justificationStatus as never, dueOn: row.justificationDueOn }, today),
    followUpStatus: row.followUpStatus,
    followUpDueOn: row.followUpDueOn,
    followUpOverdue: !voided && followUpOverdue({ status: row.followUpStatus as never, dueOn: row.followUpDueOn }, today),
    auditStatus: row.auditStatus,
    flags: row.flags,
  };
}
