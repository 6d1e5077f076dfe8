/**
 * Risk strata of an audit sample: spends that go into every sample of their period whatever the
 * random draw says, each with every reason that put it there. The random part answers "how much
 * misuse is there?"; the risk part makes sure the cases someone already worried about are looked at.
 */
import { addDays } from "./dates.ts";
import type { Flag } from "./flags.ts";
import { compareCodeUnits } from "./sample-plan.ts";
import { justificationOverdue, type JustificationStatus } from "./tracks.ts";

/** Flags that put a spend in the risk stratum (near_cap and late_logged only inform review). */
export const RISK_FLAGS = ["split_pattern", "possible_duplicate", "above_team_normal", "new_payee"] as const satisfies readonly Flag[];

/** In the order an item's reasons are listed. */
export const RISK_REASONS = ["concern", ...RISK_FLAGS, "top_stratum", "justification_overdue", "receipt_lost", "recent_finding"] as const;
export type RiskReason = (typeof RISK_REASONS)[number];

/** Why an item is in a sample: drawn at random, or a risk reason. */
export type SampleReason = "random" | RiskReason;
export type Stratum = "random" | "risk";

/** Justifications this many days overdue put a spend in the risk stratum, unless the auditor says otherwise. */
export const DEFAULT_OVERDUE_DAYS = 14;

/** Each reason's short name, for lists and the printable report. */
export const SAMPLE_REASON_NAMES: Record<SampleReason, string> = {
  random: "Drawn at random",
  concern: "Concern raised",
  split_pattern: "Possible split",
  possible_duplicate: "Possible duplicate",
  above_team_normal: "Above the team's normal",
  new_payee: "New payee",
  top_stratum: "Large amount",
  justification_overdue: "Justification overdue",
  receipt_lost: "Receipt lost",
  recent_finding: "Worker's recent finding",
};

export const SAMPLE_REASON_DESCRIPTIONS: Record<SampleReason, string> = {
  random: "Drawn at random (the statistical part of the sample).",
  concern: "A supervisor raised a concern.",
  split_pattern: "Flagged: possibly one purchase split to stay under the per-spend cap.",
  possible_duplicate: "Flagged: another spend has the same client, amount, payee and date.",
  above_team_normal: "Flagged: higher than 95% of the team's spends in this category.",
  new_payee: "Flagged: the team had not paid this payee before.",
  top_stratum: "At or above the top-stratum amount.",
  justification_overdue: "The justification is overdue by more than the set number of days.",
  receipt_lost: "The receipt was declared lost.",
  recent_finding: "Its worker had a major or misuse finding in the 12 months before the draw, so every spend of theirs is checked.",
};

/**
 * Calibrated trust: a finding of these results puts every spend of that worker in the
 * recent-finding stratum of each sample drawn within a year of it; a clean year returns them to
 * the random draw alone (the base rate).
 */
export const RECENT_FINDING_RESULTS = ["major", "misuse_suspected"] as const;

/** The first day a finding still counts on `drawnOn`: the same day a year earlier (28 February for 29 February). */
export function recentFindingSince(drawnOn: string): string {
  const [year, month, day] = drawnOn.split("-");
  return `${Number(year) - 1}-${month}-${month === "02" && day === "29" ? "28" : day}`;
}

export interface RiskFacts {
  amount: number;
  flags: readonly string[];
  justificationStatus: JustificationStatus;
  justificationDueOn: string;
  /** Some supervisor review of the spend decided "concern" (even if the status moved on since). */
  concernReview: boolean;
  receiptLost: boolean;
  /** The top-stratum amount that applies to this spend in minor units; null when none does. */
  topStratumAmount: number | null;
  /** Its worker had a major or misuse finding in the year before the draw (RECENT_FINDING_RESULTS). */
  recentFinding: boolean;
}

export interface RiskRules {
  /** The council's today at the draw. */
  today: string;
  /** A justification overdue by more than this many days is a risk reason. */
  overdueDays: number;
}

/**
 * "Overdue by more than d days" is today > dueOn + d, the same as dueOn < today − d: a waiting
 * justification due before the day this returns is overdue by more than d days.
 */
export function overdueCutoff(rules: RiskRules): string {
  if (!Number.isSafeInteger(rules.overdueDays) || rules.overdueDays < 0) {
    throw new RangeError(`overdueDays must be a non-negative integer, got ${rules.overdueDays}`);
  }
  return addDays(rules.today, -rules.overdueDays);
}

/** A check for many spends against the same rules: the overdue cut-off is worked out once. */
export function riskClassifier(rules: RiskRules): (facts: RiskFacts) => RiskReason[] {
  const cutoff = overdueCutoff(rules);
  return (facts) => {
    const reasons: RiskReason[] = [];
    if (facts.justificationStatus === "concern" || facts.concernReview) reasons.push("concern");
    for (const flag of RISK_FLAGS) if (facts.flags.includes(flag)) reasons.push(flag);
    if (facts.topStratumAmount !== null && facts.amount >= facts.topStratumAmount) reasons.push("top_stratum");
    if (justificationOverdue({ status: facts.justificationStatus, dueOn: facts.justificationDueOn }, cutoff)) reasons.push("justification_overdue");
    if (facts.receiptLost) reasons.push("receipt_lost");
    if (facts.recentFinding) reasons.push("recent_finding");
    return reasons;
  };
}

export interface PlannedItem {
  spendId: string;
  /** "random" first for a random pick, then every risk reason in RISK_REASONS order. */
  reasons: SampleReason[];
  stratum: Stratum;
  /** 1-based: random picks in the order drawn, then risk-only items by spend id. */
  position: number;
}

/**
 * The sample's items. A random pick that is also risky stays in the random stratum (it was drawn
 * fairly, so it counts towards the statistics) and carries its risk reasons too; every other
 * risky spend is added once, in the risk stratum.
 */
export function composeSample(randomIds: readonly string[], risky: ReadonlyMap<string, readonly RiskReason[]>): PlannedItem[] {
  const items: PlannedItem[] = randomIds.map((spendId, i) => ({
    spendId,
    reasons: ["random", ...(risky.get(spendId) ?? [])],
    stratum: "random",
    position: i + 1,
  }));
  const drawn = new Set(randomIds);
  if (drawn.size !== randomIds.length) throw new RangeError("The random part must not repeat a spend");
  const riskOnly = [...risky.entries()].filter(([id, reasons]) => reasons.length > 0 && !drawn.has(id)).sort(([a], [b]) => compareCodeUnits(a, b));
  for (const [spendId, reasons] of riskOnly) {
    items.push({ spendId, reasons: [...reasons], stratum: "risk", position: items.length + 1 });
  }
  return items;
}

/** The stratum an item with these recorded reasons belongs to. */
export function stratumOf(reasons: readonly string[]): Stratum {
  return reasons.includes("random") ? "random" : "risk";
}
