import { asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { clearingAccounts, ledgerCodes } from "@greentape/db/schema";
import { countsInBookedPeriod } from "../../lib/periods.queries.ts";

export type LedgerCodeRow = typeof ledgerCodes.$inferSelect;

export async function listLedgerCodes(db: Executor): Promise<LedgerCodeRow[]> {
  return db.select().from(ledgerCodes).orderBy(asc(ledgerCodes.category));
}

export async function lockLedgerCode(db: Executor, category: string): Promise<LedgerCodeRow | undefined> {
  const [row] = await db.select().from(ledgerCodes).where(eq(ledgerCodes.category, category)).for("update");
  return row;
}

export async function upsertLedgerCode(db: Executor, row: LedgerCodeRow): Promise<LedgerCodeRow> {
  const [saved] = await db
    .insert(ledgerCodes)
    .values(row)
    .onConflictDoUpdate({ target: ledgerCodes.category, set: { glCode: row.glCode, accountName: row.accountName, merchantCategory: row.merchantCategory, updatedAt: row.updatedAt } })
    .returning();
  if (!saved) throw new Error("ledger code upsert returned nothing");
  return saved;
}

export async function deleteLedgerCode(db: Executor, category: string): Promise<LedgerCodeRow | undefined> {
  const [row] = await db.delete(ledgerCodes).where(eq(ledgerCodes.category, category)).returning();
  return row;
}

/** Categories in the period's journal that have no GL code: Xero would refuse those lines. */
export async function unmappedCategories(db: Executor, period: string): Promise<string[]> {
  const result = (await db.execute(sql`
    select distinct s.category from spends s left join ledger_codes lc on lc.category = s.category
    where lc.category is null and (
      (s.booked_period = ${period} and ${countsInBookedPeriod})
      or s.id in (select spend_id from reversals where booked_period = ${period})
    )
    order by s.category`)) as unknown as { rows: { category: string }[] };
  return result.rows.map((r) => r.category);
}

export type ClearingAccountRow = typeof clearingAccounts.$inferSelect;

export async function listClearingAccounts(db: Executor): Promise<ClearingAccountRow[]> {
  return db.select().from(clearingAccounts);
}

export async function lockClearingAccount(db: Executor, paymentMethod: string): Promise<ClearingAccountRow | undefined> {
  const [row] = await db.select().from(clearingAccounts).where(eq(clearingAccounts.paymentMethod, paymentMethod)).for("update");
  return row;
}

export async function upsertClearingAccount(db: Executor, row: ClearingAccountRow): Promise<ClearingAccountRow> {
  const [saved] = await db
    .insert(clearingAccounts)
    .values(row)
    .onConflictDoUpdate({ target: clearingAccounts.paymentMethod, set: { accountCode: row.accountCode, updatedAt: row.updatedAt } })
    .returning();
  if (!saved) throw new Error("clearing account upsert returned nothing");
  return saved;
}

export async function deleteClearingAccount(db: Executor, paymentMethod: string): Promise<ClearingAccountRow | undefined> {
  const [row] = await db.delete(clearingAccounts).where(eq(clearingAccounts.paymentMethod, paymentMethod)).returning();
  return row;
}
