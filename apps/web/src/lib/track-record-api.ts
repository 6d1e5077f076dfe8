import { type OnTimeRate, trackRecordSchema } from "@greentape/contract/track-record";
import { useApiData } from "./use-api-data.ts";

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
