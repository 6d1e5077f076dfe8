/**
 * What an audit sample's findings say. A deviation is any finding other than `no_issue`: a
 * `minor`, `major` or `misuse_suspected` finding means the spend did not meet the scheme's rules
 * or its justification did not hold up. Only the random stratum was drawn fairly, so only it
 * supports a statement about the whole period: its exact one-sided upper limit, hypergeometric
 * over the period's known number of spends, or binomial (Clopper–Pearson) when that is not given.
 */
import { stringerBound, type SampledMisstatement } from "./monetary-unit.ts";
import { formatMoney } from "./money.ts";
import { RISK_REASONS, type RiskReason, type Stratum } from "./risk-strata.ts";
import { clopperPearsonUpper, formatPercent, hypergeometricUpperLimit } from "./statistics.ts";

export const FINDING_RESULTS = ["no_issue", "minor", "major", "misuse_suspected"] as const;
export type FindingResult = (typeof FINDING_RESULTS)[number];

/** Each result in words, for every page and file a person reads; the codes stay in the API and the CSV. */
export const FINDING_RESULT_LABELS: Record<FindingResult, { label: string; hint: string }> = {
  no_issue: { label: "No issue", hint: "The spend kept to the scheme and its justification holds up." },
  minor: { label: "Minor", hint: "A small lapse, such as a late justification or a missing detail, with no loss." },
  major: { label: "Major", hint: "A serious breach of the scheme, such as a spend outside its rules or no evidence of what was bought." },
  misuse_suspected: { label: "Misuse suspected", hint: "The money may not have been spent for the client. This needs investigating." },
};

/** The result's words; a code this version does not know reads as itself. */
export function findingResultLabel(result: string): string {
  return Object.hasOwn(FINDING_RESULT_LABELS, result) ? FINDING_RESULT_LABELS[result as FindingResult].label : result;
}

export const DEVIATION_DEFINITION = "A deviation is a finding of minor, major or misuse suspected; a finding of no issue is not a deviation.";

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

export interface MonetaryUnitReport {
  confidence: number;
  /** The population's total at the draw, minor units. */
  bookValue: number;
  /** Hits drawn, n. */
  sampleSize: number;
  /** bookValue / sampleSize, minor units (unrounded). */
  samplingInterval: number;
  /** Minor units throughout, as stringerBound gives them. */
  basicPrecision: number;
  projectedMisstatement: number;
  upperMisstatementLimit: number;
  allowanceForSamplingRisk: number;
  /** Taintings of the items smaller than the interval, largest first. */
  taintings: number[];
  tolerableMisstatement: number | null;
  /** Whether the upper limit stays within the tolerable misstatement; null when none was set. */
  withinTolerable: boolean | null;
}

/**
 * A monetary-unit sample's conclusion in money: the Stringer bound on overstatement over the
 * reviewed items drawn by value (a finding with no misstatement counts as none).
 */
export function monetaryUnitReport(
  params: { bookValue: number; sampleSize: number; confidence: number; tolerableMisstatement: number | null },
  reviewed: readonly SampledMisstatement[],
): MonetaryUnitReport {
  const bound = stringerBound({ bookValue: params.bookValue, sampleSize: params.sampleSize, confidence: params.confidence, items: reviewed });
  return {
    confidence: params.confidence,
    bookValue: params.bookValue,
    sampleSize: params.sampleSize,
    samplingInterval: bound.samplingInterval,
    basicPrecision: bound.basicPrecision,
    projectedMisstatement: bound.projectedMisstatement,
    upperMisstatementLimit: bound.upperMisstatementLimit,
    allowanceForSamplingRisk: bound.allowanceForSamplingRisk,
    taintings: bound.taintings.map((t) => t.tainting),
    tolerableMisstatement: params.tolerableMisstatement,
    withinTolerable: params.tolerableMisstatement === null ? null : bound.upperMisstatementLimit <= params.tolerableMisstatement,
  };
}

/** The monetary-unit conclusion in one sentence: a bound in pounds, not a share of spends. */
export function monetaryUnitStatement(report: MonetaryUnitReport, reviewed: number, period: string): string {
  if (reviewed === 0) return "No spend drawn by value has a finding yet, so nothing can be said about the period as a whole.";
  const tolerable =
    report.tolerableMisstatement === null
      ? ""
      : ` That is ${report.withinTolerable ? "within" : "more than"} the ${formatMoney(report.tolerableMisstatement)} tolerable misstatement.`;
  return (
    `With ${reviewed} ${reviewed === 1 ? "spend" : "spends"} drawn by value checked, we can be ${formatPercent(report.confidence)} confident that the ${formatMoney(report.bookValue)} booked in ${period} ` +
    `is overstated by no more than ${formatMoney(report.upperMisstatementLimit)} (projected misstatement ${formatMoney(report.projectedMisstatement)}).${tolerable}`
  );
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
