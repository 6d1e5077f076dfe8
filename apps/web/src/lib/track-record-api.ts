import { z } from "zod";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { useApiData } from "./use-api-data.ts";

const rateSchema = z.object({ judged: z.number().int(), onTime: z.number().int(), late: z.number().int(), rate: z.number().nullable() });
const trackRecordSchema = z.object({
  workerId: z.string(),
  name: z.string(),
  today: z.string(),
  justifications: rateSchema,
  followUps: rateSchema,
  spends: z.object({ count: z.number().int(), amount: z.number().int() }),
  outcomes: z.record(z.enum(FOLLOW_UP_OUTCOMES), z.number().int()),
});
export type OnTimeRate = z.infer<typeof rateSchema>;

/** An on-time rate in a sentence, e.g. "3 of 4 on time (75%); 1 late." */
export function onTime(rate: OnTimeRate, what: string): string {
  if (rate.judged === 0) return `No ${what} due yet, so nothing to show.`;
  const percent = rate.rate === null ? "" : ` (${Math.round(rate.rate * 100)}%)`;
  return `${rate.onTime} of ${rate.judged} on time${percent}; ${rate.late} late.`;
}

/** A team member's on-time record for justifications and follow-ups (`GET /api/track-record?workerId=`). */
export function useTrackRecord(workerId: string) {
  return useApiData(`/api/track-record?workerId=${encodeURIComponent(workerId)}`, trackRecordSchema);
}
