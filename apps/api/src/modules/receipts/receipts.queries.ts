import { and, eq } from "drizzle-orm";
import type { Executor, Tx } from "@greentape/db/client";
import { receiptLostDeclarations, receipts } from "@greentape/db/schema";

export async function insertReceipt(tx: Tx, row: typeof receipts.$inferInsert) {
  const [inserted] = await tx.insert(receipts).values(row).returning();
  if (!inserted) throw new Error("receipt insert returned nothing");
  return inserted;
}

export async function findReceipt(db: Executor, spendId: string, receiptId: string) {
  const [row] = await db.select().from(receipts).where(and(eq(receipts.id, receiptId), eq(receipts.spendId, spendId)));
  return row;
}

export async function findReceiptBySha256(db: Executor, spendId: string, sha256: string) {
  const [row] = await db.select().from(receipts).where(and(eq(receipts.spendId, spendId), eq(receipts.sha256, sha256)));
  return row;
}

export async function findLostDeclaration(db: Executor, spendId: string) {
  const [row] = await db.select().from(receiptLostDeclarations).where(eq(receiptLostDeclarations.spendId, spendId));
  return row;
}

/** The spend's one declaration, or undefined when one was already made. */
export async function insertLostDeclaration(tx: Tx, row: typeof receiptLostDeclarations.$inferInsert) {
  const [inserted] = await tx.insert(receiptLostDeclarations).values(row).onConflictDoNothing().returning();
  return inserted;
}
