import { z } from "zod/mini";
import { DEFAULT_CLEARING_ACCOUNT, XERO_ACCOUNT_CODE } from "@greentape/domain/export-rows";
import { line } from "@greentape/domain/text";
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

/** PUT and DELETE /api/ledger-codes/:category */
export const ledgerCodeParamsSchema = z.object({ category: line(80, "Category") });

/** PUT /api/ledger-codes/:category */
export const ledgerCodeBodySchema = z.object({
  glCode: line(40, "Ledger code").check(z.regex(/^[A-Za-z0-9][A-Za-z0-9./-]*$/, "Ledger code must be letters, digits, dots, slashes and hyphens, like 4410")),
  accountName: z.optional(line(80, "Account name")).check(z.describe("The account's name in the chart of accounts, such as Client travel")),
  merchantCategory: z.optional(line(80, "Merchant category")).check(z.describe("For card payments, such as Transportation services")),
});

/** PUT and DELETE /api/clearing-accounts/:paymentMethod */
export const clearingAccountParamsSchema = z.object({ paymentMethod: z.enum(PAYMENT_METHODS, { message: `Payment method must be one of ${PAYMENT_METHODS.join(", ")}` }) });

/** PUT /api/clearing-accounts/:paymentMethod */
export const clearingAccountBodySchema = z.object({
  accountCode: z.string().check(z.regex(XERO_ACCOUNT_CODE, "Account code must be a Xero account code: 1-10 letters, digits, dots or dashes, like 1010")),
});
