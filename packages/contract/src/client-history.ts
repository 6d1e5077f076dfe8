import { z } from "zod";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { spendViewSchema } from "./spends.ts";

const clientHistorySpendSchema = spendViewSchema.extend({
  workerName: z.string(),
  justification: z.object({ narrative: z.string(), intendedOutcome: z.string() }).nullable(),
  followUp: z.object({ outcome: z.enum(FOLLOW_UP_OUTCOMES), clientView: z.string().nullable(), contactedOn: z.string() }).nullable(),
});

/** GET /api/clients/:id/history: every spend for one client, across workers. */
export const clientHistorySchema = z.object({
  client: z.object({ id: z.string(), reference: z.string(), displayName: z.string().nullable(), teamId: z.string() }),
  summary: z.object({
    count: z.number().int(),
    amount: z.number().int(),
    byWorker: z.array(z.object({ workerId: z.string(), name: z.string(), count: z.number().int(), amount: z.number().int() })),
    outcomes: z.partialRecord(z.enum(FOLLOW_UP_OUTCOMES), z.number().int()).describe("How many follow-ups found each outcome"),
  }),
  spends: z.array(clientHistorySpendSchema),
});
export type ClientHistory = z.infer<typeof clientHistorySchema>;
export type ClientHistorySpend = z.infer<typeof clientHistorySpendSchema>;
