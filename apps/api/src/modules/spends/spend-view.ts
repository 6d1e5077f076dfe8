import { z } from "zod";
import { justificationOverdue, followUpOverdue } from "@greentape/domain/tracks";
import { PAYEE_TYPES } from "@greentape/domain/spend-input";
import type { SpendRow, SpendViewColumn } from "./spends.queries.ts";

export const spendViewSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  teamId: z.string(),
  clientId: z.string(),
  schemeId: z.string(),
  schemeVersion: z.number().int(),
  amount: z.number().int(),
  currency: z.string(),
  category: z.string(),
  payee: z.string(),
  payeeType: z.enum(PAYEE_TYPES).nullable().describe("null when nobody said: the payee is then never published by name"),
  paymentMethod: z.string(),
  irrecoverableVat: z.number().int().nullable().describe("VAT in the amount the council cannot reclaim, in minor units; null when none was recorded"),
  spentOn: z.string(),
  period: z.string(),
  bookedPeriod: z.string(),
  note: z.string(),
  createdAt: z.string(),
  voided: z.boolean(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  justificationStatus: z.string(),
  justificationDueOn: z.string(),
  justificationOverdue: z.boolean(),
  followUpStatus: z.string(),
  followUpDueOn: z.string(),
  followUpOverdue: z.boolean(),
  auditStatus: z.string(),
  flags: z.array(z.string()),
});
export type SpendView = z.infer<typeof spendViewSchema>;

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
