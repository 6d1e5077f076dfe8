/**
 * Rates with honest uncertainty, for outcomes ("helped" out of "reached") and any other share:
 * the Wilson score interval for one rate, Newcombe's hybrid score interval for the difference
 * between two, and the "too few to tell" rule for the office areas. Public figures add the
 * small-number suppression in disclosure.ts on top of these.
 */
import { normalQuantile } from "./statistics.ts";

/**
 * Below this many trials (clients reached) a rate is "too few to tell": every 95% Wilson interval
 * for fewer than 10 trials is about 30 percentage points wide or more (0 of 9: 0% to 29.9%; 4 of 9:
 * 54.5 points), so the rate alone would mislead. The counts are still shown.
 */
export const TOO_FEW_TO_TELL_BELOW = 10;

export const DEFAULT_RATE_CONFIDENCE = 0.95;

export interface WilsonInterval {
  lower: number;
  upper: number;
  method: "wilson";
  confidence: number;
}

export interface DifferenceInterval {
  lower: number;
  upper: number;
  method: "newcombe";
  confidence: number;
}

function requireCounts(successes: number, trials: number, fewestTrials = 1): void {
  if (!Number.isSafeInteger(trials) || trials < fewestTrials) throw new RangeError(`trials must be an integer >= ${fewestTrials}, got ${trials}`);
  if (!Number.isSafeInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer from 0 to trials (${trials}), got ${successes}`);
  }
}

function twoSidedZ(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be strictly between 0 and 1, got ${confidence}`);
  return normalQuantile(1 - (1 - confidence) / 2);
}

/**
 * Wilson's score interval (1927) for successes / trials, without continuity correction: the
 * interval R's prop.test(k, n, correct = FALSE) gives. 8 of 10 at 95% → 0.4902 to 0.9433.
 * Unlike the textbook p ± z·SE it stays inside [0, 1] and does not collapse at 0 or n.
 */
export function wilsonInterval(successes: number, trials: number, confidence = DEFAULT_RATE_CONFIDENCE): WilsonInterval {
  requireCounts(successes, trials);
  const z = twoSidedZ(confidence);
  const z2 = z * z;
  const p = successes / trials;
  const scale = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / scale;
  const halfWidth = (z / scale) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return {
    // Exactly 0 and 1 at the ends, where floating point would leave 1e-17 either side.
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === trials ? 1 : Math.min(1, centre + halfWidth),
    method: "wilson",
    confidence,
  };
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (method 10 of Newcombe, Statistics in Medicine
 * 17:873–890, 1998), from the two Wilson intervals (l1, u1) and (l2, u2):
 * lower = d − √((p1 − l1)² + (u2 − p2)²), upper = d + √((u1 − p1)² + (p2 − l2)²).
 * 56/70 − 48/80 at 95% → 0.0524 to 0.3339.
 */
export function newcombeDifferenceInterval(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  confidence = DEFAULT_RATE_CONFIDENCE,
): DifferenceInterval {
  const first = wilsonInterval(successes1, trials1, confidence);
  const second = wilsonInterval(successes2, trials2, confidence);
  const p1 = successes1 / trials1;
  const p2 = successes2 / trials2;
  const difference = p1 - p2;
  return {
    lower: difference - Math.hypot(p1 - first.lower, second.upper - p2),
    upper: difference + Math.hypot(first.upper - p1, p2 - second.lower),
    method: "newcombe",
    confidence,
  };
}

export interface RateSummary {
  successes: number;
  trials: number;
  /** successes / trials; null when there are no trials. */
  rate: number | null;
  /** The Wilson interval; null when there are no trials. */
  interval: WilsonInterval | null;
  /** Fewer than TOO_FEW_TO_TELL_BELOW trials: show the counts, say "too few to tell" for the rate. */
  tooFewToTell: boolean;
}

/** A rate as the office areas show it: counts, rate and Wilson interval, and the "too few to tell" flag. */
export function describeRate(successes: number, trials: number, confidence = DEFAULT_RATE_CONFIDENCE): RateSummary {
  requireCounts(successes, trials, 0);
  const tooFewToTell = trials < TOO_FEW_TO_TELL_BELOW;
  if (trials === 0) return { successes, trials, rate: null, interval: null, tooFewToTell };
  return { successes, trials, rate: successes / trials, interval: wilsonInterval(successes, trials, confidence), tooFewToTell };
}

export interface RateComparison {
  first: RateSummary;
  second: RateSummary;
  /** first.rate − second.rate; null when either group has no trials. */
  difference: number | null;
  /** Newcombe's interval for the difference; null when either group has no trials. */
  interval: DifferenceInterval | null;
  /** Either group is too few to tell, so the difference is too. */
  tooFewToTell: boolean;
}

/** Two groups side by side (two teams, two schemes, before and after) and the difference between them. */
export function compareRates(
  first: { successes: number; trials: number },
  second: { successes: number; trials: number },
  confidence = DEFAULT_RATE_CONFIDENCE,
): RateComparison {
  const a = describeRate(first.successes, first.trials, confidence);
  const b = describeRate(second.successes, second.trials, confidence);
  const difference = a.rate !== null && b.rate !== null ? a.rate - b.rate : null;
  return {
    first: a,
    second: b,
    difference,
    interval: difference === null ? null : newcombeDifferenceInterval(a.successes, a.trials, b.successes, b.trials, confidence),
    tooFewToTell: a.tooFewToTell || b.tooFewToTell,
  };
}
