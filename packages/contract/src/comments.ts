// A comment on a spend's case as POST /api/spends/:id/comments answers it.
import { z } from "zod/mini";
import { personSchema } from "./spends.ts";

export const commentViewSchema = z.object({ id: z.string(), spendId: z.string(), author: personSchema, body: z.string(), visibility: z.string(), createdAt: z.string() });
