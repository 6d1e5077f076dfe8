// A supervisor's review as POST /api/spends/:id/reviews answers it, with where the justification now stands.
import { z } from "zod/mini";
import { personSchema } from "./spends.ts";

export const reviewViewSchema = z.object({
  id: z.string(),
  spendId: z.string(),
  reviewer: personSchema,
  decision: z.string(),
  comment: z.string(),
  revision: z.int(),
  createdAt: z.string(),
  justificationStatus: z.string(),
  justificationDueOn: z.string(),
});
