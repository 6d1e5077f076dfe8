import { asc, eq } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { ledgerCodes } from "@greentape/db/schema";

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
    .onConflictDoUpdate({ target: ledgerCodes.category, set: { glCode: row.glCode, updatedAt: row.updatedAt } })
    .returning();
  if (!saved) throw new Error("ledger code upsert returned nothing");
  return saved;
}

export async function deleteLedgerCode(db: Executor, category: string): Promise<LedgerCodeRow | undefined> {
  const [row] = await db.delete(ledgerCodes).where(eq(ledgerCodes.category, category)).returning();
  return row;
}
