/**
 * What an audit sample's findings say. A deviation is any finding other than `no_issue`: a
 * `minor`, `major` or `misuse_suspected` finding means the spend did not meet the scheme's rules
 * or its justification did not hold up. Only the random stratum was drawn fairly, so only it
 * supports a statement about the whole period: its exact one-sided Clopper–Pearson upper limit.
 */
import type { Stratum } from "./risk-strata.ts";
import { clopperPearsonUpper, formatPercent } from "./statistics.ts";

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

export interface FindingsSummary extends Tally {
  confidence: number;
  /** Upper limit of the period's deviation rate at `confidence`, from the random stratum only. */
  upperDeviationLimit: number;
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
 * stratum's reviewed items (1 while none is reviewed: nothing is known yet).
 */
export function summariseFindings(items: readonly FindingItem[], confidence: number): FindingsSummary {
  const random = tally(items.filter((i) => i.stratum === "random"));
  const upperDeviationLimit = clopperPearsonUpper(random.deviations, random.itemsReviewed, confidence);
  return {
    ...tally(items),
    confidence,
    upperDeviationLimit,
    byStratum: { random: { ...random, upperDeviationLimit }, risk: tally(items.filter((i) => i.stratum === "risk")) },
    complete: items.every((i) => i.result !== null),
  };
}

/** The conclusion in one sentence, e.g. for the printed report. */
export function statementOf(summary: FindingsSummary, populationSize: number, period: string): string {
  const random = summary.byStratum.random;
  if (random.itemsReviewed === 0) return "No randomly drawn spend has a finding yet, so nothing can be said about the period as a whole.";
  const found = `${random.deviations} ${random.deviations === 1 ? "deviation" : "deviations"} in ${random.itemsReviewed} randomly drawn ${random.itemsReviewed === 1 ? "spend" : "spends"}`;
  return `With ${found}, we can be ${formatPercent(summary.confidence)} confident that no more than ${formatPercent(summary.upperDeviationLimit)} of the ${populationSize.toLocaleString("en-GB")} spends in ${period} deviate.`;
}
