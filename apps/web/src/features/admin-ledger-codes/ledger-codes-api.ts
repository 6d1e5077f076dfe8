// Admin: which ledger (GL) code each spending category is posted to in the finance exports.
import { z } from "zod";
import { api, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const ledgerCodeSchema = z.object({
  category: z.string(),
  glCode: z.string(),
  updatedAt: z.string().nullish(),
});
export type LedgerCode = z.infer<typeof ledgerCodeSchema>;

const listOf = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.object({ items: z.array(item) }).transform((answer) => answer.items)]);

const ledgerCodeListSchema = listOf(ledgerCodeSchema);
const schemeListSchema = listOf(z.object({ id: z.string(), name: z.string(), categories: z.array(z.string()) }));

export function useLedgerCodes() {
  return useApiData("/api/ledger-codes", ledgerCodeListSchema);
}

/** The schemes, for the categories they allow. */
export function useSchemeCategories() {
  return useApiData("/api/schemes", schemeListSchema);
}

const categoryPath = (category: string) => `/api/ledger-codes/${encodeURIComponent(category)}`;

export function setLedgerCode(category: string, glCode: string): Promise<unknown> {
  return apiPut<unknown>(categoryPath(category), { glCode });
}

export function removeLedgerCode(category: string): Promise<unknown> {
  return api<unknown>(categoryPath(category), { method: "DELETE" });
}

export interface CategoryRow {
  category: string;
  glCode: string | null;
  /** Names of the schemes that allow this category (none: the code is left over from an old category). */
  schemes: string[];
}

/** Every category any scheme allows, and every category with a code, in one list. */
export function categoryRows(codes: LedgerCode[], schemes: { name: string; categories: string[] }[]): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  for (const scheme of schemes) {
    for (const category of scheme.categories) {
      const row = rows.get(category) ?? { category, glCode: null, schemes: [] };
      row.schemes.push(scheme.name);
      rows.set(category, row);
    }
  }
  for (const code of codes) {
    const row = rows.get(code.category) ?? { category: code.category, glCode: null, schemes: [] };
    row.glCode = code.glCode;
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
