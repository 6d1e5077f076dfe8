/**
 * How big the random part of an audit sample is, and why, in words an auditor can sign.
 */
import { attributeSampleSize, explainSampleSize, formatPercent } from "./statistics.ts";

export const SAMPLE_METHODS = ["random", "monetary_unit"] as const;
export type SampleMethod = (typeof SAMPLE_METHODS)[number];

/** Human names for what SAMPLER_VERSION versions. */
export const SAMPLER_NAMES: Record<SampleMethod, string> = {
  random: "Rivest SHA-256 sampler, without replacement",
  monetary_unit: "Monetary unit sampling, fixed interval with a SHA-256 start",
};

/** Plain code-unit order of ids (JavaScript `<`), never locale order: the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The population in the order the sampler's k-th pick and the dataset digest are defined on:
 * ids ascending in code-unit order. Cheap on input that is already sorted.
 */
export function inSamplingOrder<T extends { id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareCodeUnits(a.id, b.id));
}

export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_TOLERABLE_RATE = 0.05;

export interface SizeRequest {
  populationSize: number;
  /** The period, for the wording ("the 120 spends in 2026-03"). */
  period: string;
  /** An explicit number of spends. */
  size?: number | undefined;
  /** A share of the population in (0, 1]. */
  rate?: number | undefined;
  confidence: number;
  tolerableRate: number;
}

export type SizeBasis = "size" | "rate" | "attribute";

export interface SizeDecision {
  size: number;
  basis: SizeBasis;
  explanation: string;
}

function spends(n: number): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? "spend" : "spends"}`;
}

/**
 * An explicit size wins, then a rate (rounded up), then attribute sampling with no deviations
 * expected (hypergeometric over the actual population, so small months need fewer). Never more
 * than the population, and at least one.
 */
export function decideSampleSize(request: SizeRequest): SizeDecision {
  const { populationSize: total, period, size, rate, confidence, tolerableRate } = request;
  if (!Number.isSafeInteger(total) || total < 1) throw new RangeError(`populationSize must be a positive integer, got ${total}`);
  if (size !== undefined && rate !== undefined) throw new RangeError("Give a size or a rate, not both");
  const population = `the ${spends(total)} in ${period}`;

  if (size !== undefined) {
    if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
    if (size >= total) {
      return { size: total, basis: "size", explanation: `All ${spends(total)} in ${period}: ${size.toLocaleString("en-GB")} asked for, and there are no more.` };
    }
    return { size, basis: "size", explanation: `${spends(size)} of ${population}, the size asked for.` };
  }

  if (rate !== undefined) {
    if (!(rate > 0 && rate <= 1)) throw new RangeError(`rate must be in (0, 1], got ${rate}`);
    // The allowance stops 0.1 × 30 = 3.0000000000000004 from rounding up to 4.
    const n = Math.min(total, Math.max(1, Math.ceil(rate * total - 1e-9)));
    return { size: n, basis: "rate", explanation: `${spends(n)}: ${formatPercent(rate)} of ${population}, rounded up.` };
  }

  const params = { confidence, tolerableRate, expectedDeviations: 0, populationSize: total };
  return {
    size: attributeSampleSize(params),
    basis: "attribute",
    explanation: explainSampleSize(params, { population }),
  };
}

/** The sentence on what the risk rules added; null when the auditor switched them off. */
export function explainRiskAddition(riskOnlyItems: number | null): string {
  if (riskOnlyItems === null) return "Risk rules were switched off for this sample.";
  if (riskOnlyItems === 0) return "No other spends met a risk rule.";
  return `Risk rules added ${spends(riskOnlyItems)}, each listed with its reasons; they are reported apart and do not enter the statistics.`;
}

/** The sentence on the recent-finding stratum; null when risk rules were off. */
export function explainRecentFindings(workers: number, spendsAdded: number, since: string): string {
  if (workers === 0) return `No worker had a major or misuse finding since ${since}, so nobody is sampled above the base rate.`;
  const who = workers === 1 ? "1 worker" : `${workers.toLocaleString("en-GB")} workers`;
  return `${who} had a major or misuse finding since ${since}: every one of their ${spends(spendsAdded)} in the period is in the recent-finding stratum.`;
}
