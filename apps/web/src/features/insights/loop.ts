// The speed of the loop: the summary's figures as the steps a person follows, in order.
import type { Summary } from "@greentape/contract/insights";

const STEPS = [
  { key: "medianDaysToLog", stage: "toLog", step: "Spend to logging" },
  { key: "medianDaysToJustify", stage: "toJustify", step: "Logging to justification" },
  { key: "medianDaysToReview", stage: "toReview", step: "Justification to review" },
  { key: "medianDaysToFollowUp", stage: "toFollowUp", step: "Spend to follow-up" },
] as const;

type Medians = Pick<Summary["loop"], (typeof STEPS)[number]["key"]>;

export interface LoopStep {
  /** The summary's field for the step. */
  key: (typeof STEPS)[number]["key"];
  step: string;
  /** Median days, or null when no spend has been through the step in the span. */
  median: number | null;
}

/** The four steps' medians, from the spend to its follow-up, in the order they happen. */
export function loopSteps(loop: Medians): LoopStep[] {
  return STEPS.map(({ key, step }) => ({ key, step, median: loop[key] }));
}

export interface LoopSpread {
  step: string;
  /** Spends that have been through the step. */
  count: number;
  lowerQuartile: number | null;
  median: number | null;
  upperQuartile: number | null;
}

/** The four steps with how many spends went through each and the quartiles of their days. */
export function loopSpreads(stages: Summary["loop"]["stages"]): LoopSpread[] {
  return STEPS.map(({ stage, step }) => ({ step, ...stages[stage] }));
}
