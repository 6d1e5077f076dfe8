import type { Executor } from "@greentape/db/client";
import { reviews } from "@greentape/db/schema";

export type ReviewRow = typeof reviews.$inferSelect;

export async function insertReview(db: Executor, row: typeof reviews.$inferInsert): Promise<ReviewRow> {
  const [created] = await db.insert(reviews).values(row).returning();
  if (!created) throw new Error("review insert returned nothing");
  return created;
}
