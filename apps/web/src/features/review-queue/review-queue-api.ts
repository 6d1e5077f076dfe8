import { z } from "zod";
import { useApiData } from "../../lib/use-api-data.ts";

const person = z.object({ id: z.string(), name: z.string() });

const queueSpend = z.object({
  id: z.string(),
  workerId: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  category: z.string(),
  payee: z.string(),
  spentOn: z.string(),
  note: z.string().default(""),
  createdAt: z.string(),
  justificationStatus: z.string(),
  justificationDueOn: z.string(),
  justificationOverdue: z.boolean().default(false),
  flags: z.array(z.string()).default([]),
});

const earlierSpend = z.object({
  spendId: z.string(),
  spentOn: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  category: z.string(),
  payee: z.string(),
  worker: person.optional(),
  justificationStatus: z.string(),
  followUpStatus: z.string(),
  outcome: z.string().nullable(),
  clientView: z.string().nullable().optional(),
});

const queueItem = z.object({
  spend: queueSpend,
  worker: person,
  client: z.object({ id: z.string(), reference: z.string() }),
  justification: z
    .object({ narrative: z.string(), intendedOutcome: z.string(), revision: z.number().int(), submittedAt: z.string() })
    .nullable(),
  reviews: z
    .array(z.object({ id: z.string(), reviewer: person, decision: z.string(), comment: z.string(), revision: z.number().int(), createdAt: z.string() }))
    .default([]),
  clientHistory: z.array(earlierSpend).default([]),
});

const reviewQueueSchema = z.object({ items: z.array(queueItem), nextCursor: z.string().nullable().optional(), waiting: z.number().int() });

export type QueueItem = z.infer<typeof queueItem>;
export type EarlierSpend = z.infer<typeof earlierSpend>;

/** The supervisor's team's submitted justifications, oldest first (`GET /api/worklists/review-queue`). */
export function useReviewQueue() {
  return useApiData("/api/worklists/review-queue?limit=50", reviewQueueSchema);
}
