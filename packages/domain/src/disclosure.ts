/**
 * Small-number suppression for figures that leave the office areas (the public summary and its
 * CSV). A count under PUBLIC_MINIMUM_COUNT could point at a handful of identifiable people, so it
 * is withheld, and so is every figure worked out from it (a rate, its interval, a sum of money
 * over those few spends): a figure is only as public as the least public count it rests on.
 * Inside the office areas nothing is hidden; small groups carry "too few to tell" (rates.ts).
 */
import { describeRate, DEFAULT_RATE_CONFIDENCE, type WilsonInterval } from "./rates.ts";

/** Counts of 0 to 4 are suppressed in public figures. */
export const PUBLIC_MINIMUM_COUNT = 5;

/** A public figure: the value, or null and marked suppressed. */
export type PublicFigure<T> = { value: T; suppressed: false } | { value: null; suppressed: true };

/** True when a count is too small to publish. */
export function isSuppressedCount(count: number): boolean {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`A count must be a non-negative integer, got ${count}`);
  return count < PUBLIC_MINIMUM_COUNT;
}

/** `value` as a public figure: suppressed when any count it is based on is under PUBLIC_MINIMUM_COUNT. */
export function publicFigure<T>(value: T, basedOnCounts: readonly number[]): PublicFigure<T> {
  // Every count is checked (not just until the first small one) so a bad count always throws.
  const suppressed = basedOnCounts.map(isSuppressedCount).some(Boolean);
  return suppressed ? { value: null, suppressed: true } : { value, suppressed: false };
}

/** A count as a public figure: null and suppressed under PUBLIC_MINIMUM_COUNT. */
export function publicCount(count: number): PublicFigure<number> {
  return publicFigure(count, [count]);
}

export interface PublicRate {
  successes: PublicFigure<number>;
  trials: PublicFigure<number>;
  /** Null when either count is suppressed (or there are no trials). */
  rate: number | null;
  interval: WilsonInterval | null;
  /** The rate and interval are withheld because a count they rest on is. */
  suppressed: boolean;
  /** Shown but with few trials (rates.ts: TOO_FEW_TO_TELL_BELOW). */
  tooFewToTell: boolean;
}

/** A rate for the public: its counts suppressed one by one, and the rate and interval with either. */
export function publicRate(successes: number, trials: number, confidence = DEFAULT_RATE_CONFIDENCE): PublicRate {
  const described = describeRate(successes, trials, confidence);
  const suppressed = [successes, trials].some(isSuppressedCount);
  return {
    successes: publicCount(successes),
    trials: publicCount(trials),
    rate: suppressed ? null : described.rate,
    interval: suppressed ? null : described.interval,
    suppressed,
    tooFewToTell: described.tooFewToTell,
  };
}
