import type { Executor } from "@greentape/db/client";
import { comments } from "@greentape/db/schema";

export type CommentRow = typeof comments.$inferSelect;

export async function insertComment(db: Executor, row: typeof comments.$inferInsert): Promise<CommentRow> {
  const [created] = await db.insert(comments).values(row).returning();
  if (!created) throw new Error("comment insert returned nothing");
  return created;
}
