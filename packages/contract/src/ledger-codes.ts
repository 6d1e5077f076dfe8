import { z } from "zod/mini";
import { DEFAULT_CLEARING_ACCOUNT } from "@greentape/domain/export-rows";
import { PAYMENT_METHODS } from "@greentape/domain/spend-input";

export const ledgerCodeViewSchema = z.object({
  category: z.string(),
  glCode: z.string(),
  accountName: z.nullable(z.string()).check(z.describe("The ledger account's name: the transparency file's Expense type")),
  merchantCategory: z.nullable(z.string()).check(z.describe("What a card payment in this category is published as in the transparency file's Merchant category")),
  updatedAt: z.string(),
});
export type LedgerCodeView = z.infer<typeof ledgerCodeViewSchema>;

/** GET /api/ledger-codes */
export const ledgerCodeListSchema = z.object({ items: z.array(ledgerCodeViewSchema) });

export const clearingAccountViewSchema = z.object({
  paymentMethod: z.enum(PAYMENT_METHODS),
  label: z.string(),
  accountCode: z.nullable(z.string()).check(z.describe(`The Xero account credited for spends paid this way; null: the journal's default (${DEFAULT_CLEARING_ACCOUNT}, or its clearingAccount parameter)`)),
  updatedAt: z.nullable(z.string()),
});
export type ClearingAccountView = z.infer<typeof clearingAccountViewSchema>;

/** GET /api/clearing-accounts */
export const clearingAccountListSchema = z.object({ items: z.array(clearingAccountViewSchema) });
