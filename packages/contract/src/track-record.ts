import { z } from "zod";
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from "@greentape/domain/workflow-input";

const onTimeRateSchema = z.object({ judged: z.number().int(), onTime: z.number().int(), late: z.number().int(), rate: z.number().nullable() });
export type OnTimeRate = z.infer<typeof onTimeRateSchema>;

/** GET /api/track-record */
export const trackRecordSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  today: z.string(),
  justifications: onTimeRateSchema,
  followUps: onTimeRateSchema,
  spends: z.object({ count: z.number().int(), amount: z.number().int() }).describe("Their live (not voided) spends, all time"),
  outcomes: z.object(Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, z.number().int()])) as Record<FollowUpOutcome, z.ZodNumber>).describe("What their clients said at follow-up"),
});
