// The speed of the loop: the summary's medians as the steps a person follows, in order.
import type { Summary } from "./insights-api.ts";

export interface LoopStep {
  /** The summary's field for the step. */
  key: "medianDaysToLog" | "medianDaysToJustify" | "medianDaysToReview" | "medianDaysToFollowUp";
  step: string;
  /** Median days, or null when no spend has been through the step in the span. */
  median: number | null;
}

/** The four steps, from the spend to its follow-up, in the order they happen. */
export function loopSteps(loop: Summary["loop"]): LoopStep[] {
  return [
    { key: "medianDaysToLog", step: "Spend to logging", median: loop.medianDaysToLog },
    { key: "medianDaysToJustify", step: "Logging to justification", median: loop.medianDaysToJustify },
    { key: "medianDaysToReview", step: "Justification to review", median: loop.medianDaysToReview },
    { key: "medianDaysToFollowUp", step: "Spend to follow-up", median: loop.medianDaysToFollowUp },
  ];
}
