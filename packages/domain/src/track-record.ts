import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from "./workflow-input.ts";

/**
 * A worker's record of keeping the promise: justifications and follow-ups done by their due dates.
 * A record, not a ranking: it is only ever shown to the worker and their own supervisor.
 */
export interface DeadlineItem {
  dueOn: string;
  /** The council date it was done on, or null if not yet done. */
  doneOn: string | null;
}

export interface OnTimeRate {
  /** Items whose deadline has passed or that are done: the ones that can be judged. */
  judged: number;
  onTime: number;
  late: number;
  /** onTime / judged, or null when nothing can be judged yet. */
  rate: number | null;
}

export function onTimeRate(items: readonly DeadlineItem[], today: string): OnTimeRate {
  let onTime = 0;
  let late = 0;
  for (const item of items) {
    if (item.doneOn !== null) {
      if (item.doneOn <= item.dueOn) onTime += 1;
      else late += 1;
    } else if (today > item.dueOn) {
      late += 1;
    }
  }
  const judged = onTime + late;
  return { judged, onTime, late, rate: judged === 0 ? null : onTime / judged };
}


/** What a worker's clients said at follow-up, by outcome (null: not followed up yet, not counted). */
export function countOutcomes(outcomes: readonly (string | null)[]): Record<FollowUpOutcome, number> {
  const counts = Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, 0])) as Record<FollowUpOutcome, number>;
  for (const o of outcomes) if (o !== null && Object.hasOwn(counts, o)) counts[o as FollowUpOutcome] += 1;
  return counts;
}
