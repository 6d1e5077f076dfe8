// Admin: which ledger (GL) code each spending category is posted to in the finance exports.
import { z } from "zod/mini";
import { type ClearingAccountView, clearingAccountListSchema, type LedgerCodeView, ledgerCodeListSchema } from "@greentape/contract/ledger-codes";
import { schemeListSchema } from "@greentape/contract/schemes";
import { api, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

export type LedgerCode = LedgerCodeView;
export type ClearingAccount = ClearingAccountView;

const ledgerCodesSchema = z.pipe(ledgerCodeListSchema, z.transform((answer) => answer.items));
const schemesSchema = z.pipe(schemeListSchema, z.transform((answer) => answer.items));
const clearingAccountsSchema = z.pipe(clearingAccountListSchema, z.transform((answer) => answer.items));

export function useLedgerCodes() {
  return useApiData("/api/ledger-codes", ledgerCodesSchema);
}

/** The schemes, for the categories they allow. */
export function useSchemeCategories() {
  return useApiData("/api/schemes", schemesSchema);
}

const categoryPath = (category: string) => `/api/ledger-codes/${encodeURIComponent(category)}`;

export interface LedgerCodeMapping {
  glCode: string;
  /** Empty: none recorded. */
  accountName: string;
  merchantCategory: string;
}

/** Sets the whole mapping; an empty name or merchant category is sent as none. */
export function setLedgerCode(category: string, mapping: LedgerCodeMapping): Promise<unknown> {
  return apiPut<unknown>(categoryPath(category), {
    glCode: mapping.glCode,
    ...(mapping.accountName === "" ? {} : { accountName: mapping.accountName }),
    ...(mapping.merchantCategory === "" ? {} : { merchantCategory: mapping.merchantCategory }),
  });
}

export function removeLedgerCode(category: string): Promise<unknown> {
  return api<unknown>(categoryPath(category), { method: "DELETE" });
}

export interface CategoryRow {
  category: string;
  glCode: string | null;
  accountName: string | null;
  merchantCategory: string | null;
  /** Names of the schemes that allow this category (none: the code is left over from an old category). */
  schemes: string[];
}

/** Every category any scheme allows, and every category with a code, in one list. */
export function categoryRows(codes: (Pick<LedgerCode, "category" | "glCode"> & Partial<LedgerCode>)[], schemes: { name: string; categories: string[] }[]): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  for (const scheme of schemes) {
    for (const category of scheme.categories) {
      const row = rows.get(category) ?? { category, glCode: null, accountName: null, merchantCategory: null, schemes: [] };
      row.schemes.push(scheme.name);
      rows.set(category, row);
    }
  }
  for (const code of codes) {
    const row = rows.get(code.category) ?? { category: code.category, glCode: null, accountName: null, merchantCategory: null, schemes: [] };
    row.glCode = code.glCode;
    row.accountName = code.accountName ?? null;
    row.merchantCategory = code.merchantCategory ?? null;
    rows.set(code.category, row);
  }
  return [...rows.values()].sort((a, b) => a.category.localeCompare(b.category));
}

/** What a person types as a ledger code, or why it cannot be used. */
export function glCodeProblem(glCode: string): string | null {
  if (glCode === "") return "Enter the ledger code, like 4410";
  if (glCode.length > 40) return "The ledger code must be 40 characters or fewer";
  if (!/^[A-Za-z0-9][A-Za-z0-9./-]*$/.test(glCode)) return "The ledger code must be letters, digits, dots, slashes and hyphens, like 4410";
  return null;
}

/** What a person types as an account name or merchant category (optional), or why it cannot be used. */
export function mappingTextProblem(text: string, label: string): string | null {
  if (text.length > 80) return `${label} must be 80 characters or fewer`;
  return null;
}

export function useClearingAccounts() {
  return useApiData("/api/clearing-accounts", clearingAccountsSchema);
}

const clearingPath = (paymentMethod: string) => `/api/clearing-accounts/${encodeURIComponent(paymentMethod)}`;

export function setClearingAccount(paymentMethod: string, accountCode: string): Promise<unknown> {
  return apiPut<unknown>(clearingPath(paymentMethod), { accountCode });
}

export function removeClearingAccount(paymentMethod: string): Promise<unknown> {
  return api<unknown>(clearingPath(paymentMethod), { method: "DELETE" });
}

/** What a person types as a Xero account code, or why Xero would not take it. */
export function accountCodeProblem(code: string): string | null {
  if (code === "") return "Enter the account code, like 1010";
  if (!/^[A-Za-z0-9.-]{1,10}$/.test(code)) return "The account code must be 1 to 10 letters, digits, dots or dashes, like 1010";
  return null;
}
