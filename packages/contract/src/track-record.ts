import { z } from "zod/mini";
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from "@greentape/domain/workflow-input";

const onTimeRateSchema = z.object({ judged: z.int(), onTime: z.int(), late: z.int(), rate: z.nullable(z.number()) });
export type OnTimeRate = z.infer<typeof onTimeRateSchema>;

/** GET /api/track-record */
export const trackRecordSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  today: z.string(),
  justifications: onTimeRateSchema,
  followUps: onTimeRateSchema,
  spends: z.object({ count: z.int(), amount: z.int() }).check(z.describe("Their live (not voided) spends, all time")),
  outcomes: z.object(Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, z.int()])) as Record<FollowUpOutcome, z.ZodMiniInt>).check(z.describe("What their clients said at follow-up")),
});
