/**
 * Flags are computed once, when a spend is logged, to point a reviewer's attention. They never
 * block the worker: the worker is trusted first, and a flag is a question, not an accusation.
 */
import { daysBetween } from "./dates.ts";

/** In the order they are reported. */
export const FLAGS = [
  "near_cap",
  "split_pattern",
  "possible_duplicate",
  "late_logged",
  "booked_late",
  "above_team_normal",
  "new_payee",
] as const;
export type Flag = (typeof FLAGS)[number];

/** Plain-English reasons shown to reviewers next to each flag. */
export const FLAG_DESCRIPTIONS: Record<Flag, string> = {
  near_cap: "The amount is at least 90% of the per-spend cap.",
  split_pattern:
    "With this worker's other spends for the same client and payee within 7 days, the total is over the per-spend cap.",
  possible_duplicate: "Another spend has the same client, amount, payee and date.",
  late_logged: "Logged more than 7 days after the money was spent.",
  booked_late: "Dated in a month finance had already closed, so booked into the next open month.",
  above_team_normal: "Higher than 95% of the team's spends in this category over the last 90 days.",
  new_payee: "The team has not paid this payee before.",
};

export const NEAR_CAP_PERCENT = 90;
export const SPLIT_WINDOW_DAYS = 7;
export const LATE_AFTER_DAYS = 7;
export const TEAM_NORMAL_PERCENTILE = 0.95;
/** Below this many team spends in the category, "normal" means too little to flag against. */
export const TEAM_NORMAL_MIN_SPENDS = 20;

/**
 * Nearest-rank percentile: sort ascending and take the value at 1-based rank ceil(p × n)
 * (rank 1 when p = 0). The answer is always one of the values, never an interpolation, so it
 * is exact for integer amounts. With 20 values p = 0.95 is the 19th smallest; with 19 values
 * it is the largest. A tiny tolerance keeps p × n that lands on an integer (0.95 × 20) from
 * rounding up a rank through floating-point error.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of no values");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(p * sorted.length - 1e-9));
  return sorted[rank - 1] as number;
}

/**
 * Payees compared the way a person would: "Tesco  Extra", "tesco extra" and "TescoExtra" are
 * the same payee. Unicode compatibility forms are folded (NFKC), all whitespace is removed and
 * the text lower-cased. Store or compare this form when deciding whether a payee is new.
 */
export function normalisePayee(payee: string): string {
  return payee.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

export interface FlagInput {
  spend: { amount: number; clientId: string; payee: string; spentOn: string; workerId: string };
  /** The council's today when the spend was logged (YYYY-MM-DD). */
  loggedOn: string;
  /** Null when the scheme has no per-spend cap. */
  perSpendCap: number | null;
  /** The same worker's other, non-voided spends for the same client and payee (any dates). */
  recentSameWorkerClientPayee: { amount: number; spentOn: string }[];
  /** How many other non-voided spends share this client, amount, payee and date. */
  sameClientAmountPayeeDate: number;
  /** Amounts of the team's other spends in this category over the last 90 days (not this one). */
  teamCategoryAmounts90d: number[];
  /** Whether any earlier team spend had the same payee by `normalisePayee`. */
  payeeSeenInTeam: boolean;
}

/** The flags a newly logged spend raises, in FLAGS order. */
export function computeFlags(input: FlagInput): Flag[] {
  const { spend, perSpendCap } = input;
  const raised = new Set<Flag>();

  if (perSpendCap !== null && BigInt(spend.amount) * 100n >= BigInt(perSpendCap) * BigInt(NEAR_CAP_PERCENT)) {
    raised.add("near_cap");
  }

  if (perSpendCap !== null) {
    const nearby = input.recentSameWorkerClientPayee.filter(
      (other) => Math.abs(daysBetween(spend.spentOn, other.spentOn)) <= SPLIT_WINDOW_DAYS,
    );
    const total = nearby.reduce((sum, other) => sum + BigInt(other.amount), BigInt(spend.amount));
    if (nearby.length > 0 && total > BigInt(perSpendCap)) raised.add("split_pattern");
  }

  if (input.sameClientAmountPayeeDate > 0) raised.add("possible_duplicate");

  if (daysBetween(spend.spentOn, input.loggedOn) > LATE_AFTER_DAYS) raised.add("late_logged");

  const normal = input.teamCategoryAmounts90d;
  if (normal.length >= TEAM_NORMAL_MIN_SPENDS && spend.amount >= percentile(normal, TEAM_NORMAL_PERCENTILE)) {
    raised.add("above_team_normal");
  }

  if (!input.payeeSeenInTeam) raised.add("new_payee");

  return FLAGS.filter((flag) => raised.has(flag));
}

/**
 * The flags of a spend as booked: its computed flags, and `booked_late` when it was dated in a
 * month already closed and so booked into a later one. In FLAGS order.
 */
export function flagsAsBooked(flags: readonly Flag[], period: string, bookedPeriod: string): Flag[] {
  const raised = new Set<Flag>(flags);
  if (bookedPeriod !== period) raised.add("booked_late");
  return FLAGS.filter((flag) => raised.has(flag));
}
