import { z } from "zod/mini";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { spendViewSchema } from "./spends.ts";

const clientHistorySpendSchema = z.extend(spendViewSchema, {
  workerName: z.string(),
  justification: z.nullable(z.object({ narrative: z.string(), intendedOutcome: z.string() })),
  followUp: z.nullable(z.object({ outcome: z.enum(FOLLOW_UP_OUTCOMES), clientView: z.nullable(z.string()), contactedOn: z.string() })),
});

/** GET /api/clients/:id/history: every spend for one client, across workers. */
export const clientHistorySchema = z.object({
  client: z.object({ id: z.string(), reference: z.string(), displayName: z.nullable(z.string()), teamId: z.string() }),
  summary: z.object({
    count: z.int(),
    amount: z.int(),
    byWorker: z.array(z.object({ workerId: z.string(), name: z.string(), count: z.int(), amount: z.int() })),
    outcomes: z.partialRecord(z.enum(FOLLOW_UP_OUTCOMES), z.int()).check(z.describe("How many follow-ups found each outcome")),
  }),
  spends: z.array(clientHistorySpendSchema),
});
export type ClientHistory = z.infer<typeof clientHistorySchema>;
export type ClientHistorySpend = z.infer<typeof clientHistorySpendSchema>;
