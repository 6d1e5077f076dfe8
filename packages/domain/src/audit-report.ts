/**
 * What an audit sample's findings say. A deviation is any finding other than `no_issue`: a
 * `minor`, `major` or `misuse_suspected` finding means the spend did not meet the scheme's rules
 * or its justification did not hold up. Only the random stratum was drawn fairly, so only it
 * supports a statement about the whole period: its exact one-sided upper limit, hypergeometric
 * over the period's known number of spends, or binomial (Clopper–Pearson) when that is not given.
 */
import { RISK_REASONS, type RiskReason, type Stratum } from "./risk-strata.ts";
import { clopperPearsonUpper, formatPercent, hypergeometricUpperLimit } from "./statistics.ts";

export const FINDING_RESULTS = ["no_issue", "minor", "major", "misuse_suspected"] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];

export const DEVIATION_DEFINITION = "A deviation is a finding of minor, major or misuse_suspected; no_issue is not a deviation.";

export function isDeviation(result: FindingResult): boolean {
  return result !== "no_issue";
}

export interface FindingItem {
  stratum: Stratum;
  /** Null until the auditor records a finding. */
  result: FindingResult | null;
}

export type ResultCounts = Record<FindingResult, number>;

export interface Tally {
  items: number;
  itemsReviewed: number;
  deviations: number;
  /** deviations / itemsReviewed; null while nothing has been reviewed. */
  deviationRate: number | null;
  byResult: ResultCounts;
}

export type UpperLimitMethod = "hypergeometric" | "binomial";

export interface FindingsSummary extends Tally {
  confidence: number;
  /** Upper limit of the period's deviation rate at `confidence`, from the random stratum only. */
  upperDeviationLimit: number;
  /** hypergeometric: exact over the known population (sampled without replacement); binomial: population size not given. */
  upperLimitMethod: UpperLimitMethod;
  byStratum: { random: Tally & { upperDeviationLimit: number }; risk: Tally };
  /** Every item has a finding. */
  complete: boolean;
}

function tally(items: readonly FindingItem[]): Tally {
  const byResult = Object.fromEntries(FINDING_RESULTS.map((r) => [r, 0])) as ResultCounts;
  let itemsReviewed = 0;
  let deviations = 0;
  for (const item of items) {
    if (item.result === null) continue;
    itemsReviewed += 1;
    byResult[item.result] += 1;
    if (isDeviation(item.result)) deviations += 1;
  }
  return { items: items.length, itemsReviewed, deviations, deviationRate: itemsReviewed === 0 ? null : deviations / itemsReviewed, byResult };
}

/**
 * Totals over all items, each stratum apart, and the upper deviation limit from the random
 * stratum's reviewed items (1 while none is reviewed: nothing is known yet). Given the number of
 * spends the sample was drawn from, the limit is the exact hypergeometric one (the observed rate
 * when every spend was reviewed); without it, the binomial one.
 */
export function summariseFindings(items: readonly FindingItem[], confidence: number, populationSize?: number): FindingsSummary {
  const random = tally(items.filter((i) => i.stratum === "random"));
  const upperDeviationLimit =
    populationSize === undefined
      ? clopperPearsonUpper(random.deviations, random.itemsReviewed, confidence)
      : hypergeometricUpperLimit(random.deviations, random.itemsReviewed, populationSize, confidence).upperRate;
  return {
    ...tally(items),
    confidence,
    upperDeviationLimit,
    upperLimitMethod: populationSize === undefined ? "binomial" : "hypergeometric",
    byStratum: { random: { ...random, upperDeviationLimit }, risk: tally(items.filter((i) => i.stratum === "risk")) },
    complete: items.every((i) => i.result !== null),
  };
}

/** The conclusion in one sentence, e.g. for the printed report. */
export function statementOf(summary: FindingsSummary, populationSize: number, period: string): string {
  const random = summary.byStratum.random;
  if (random.itemsReviewed === 0) return "No randomly drawn spend has a finding yet, so nothing can be said about the period as a whole.";
  if (summary.upperLimitMethod === "hypergeometric" && random.itemsReviewed === populationSize) {
    return `Every one of the ${populationSize.toLocaleString("en-GB")} spends in ${period} was checked: ${random.deviations} (${formatPercent(random.deviationRate ?? 0)}) deviate.`;
  }
  const found = `${random.deviations} ${random.deviations === 1 ? "deviation" : "deviations"} in ${random.itemsReviewed} randomly drawn ${random.itemsReviewed === 1 ? "spend" : "spends"}`;
  return `With ${found}, we can be ${formatPercent(summary.confidence)} confident that no more than ${formatPercent(summary.upperDeviationLimit)} of the ${populationSize.toLocaleString("en-GB")} spends in ${period} deviate.`;
}

/**
 * Each risk reason's items apart, in RISK_REASONS order, leaving out reasons no item has: the
 * named strata of the report (an item with two reasons counts in both). Like the risk stratum, they
 * were chosen for their risk, so they describe those spends, never the period.
 */
export function tallyByReason(items: readonly (FindingItem & { reasons: readonly string[] })[]): (Tally & { reason: RiskReason })[] {
  return RISK_REASONS.flatMap((reason) => {
    const mine = items.filter((i) => i.reasons.includes(reason));
    return mine.length === 0 ? [] : [{ reason, ...tally(mine) }];
  });
}
