/**
 * Monetary-unit sampling's own statistics: the sample size for a tolerable misstatement in money,
 * and the Stringer upper misstatement limit from what the sample found, both in integer minor
 * units. Selection itself is `monetaryUnitSample` in sampling.ts.
 *
 * Rounding (money is whole minor units): the sample size and every upper limit round up (ceil),
 * so rounding never makes an assurance look stronger than it is; the projected misstatement, a
 * best estimate rather than a limit, rounds to the nearest unit, halves up.
 */
import { ValidationError } from "./errors.ts";
import { poissonUpperFactor } from "./statistics.ts";

/**
 * The AICPA Audit Sampling guide's table of expansion factors for expected misstatements, by
 * confidence (1 − risk of incorrect acceptance): the guide tables only these levels, so these are
 * the only confidences at which an expected misstatement is accepted.
 */
export const MUS_EXPANSION_FACTORS: ReadonlyArray<{ confidence: number; factor: number }> = [
  { confidence: 0.99, factor: 1.9 },
  { confidence: 0.95, factor: 1.6 },
  { confidence: 0.9, factor: 1.5 },
  { confidence: 0.85, factor: 1.4 },
  { confidence: 0.8, factor: 1.3 },
  { confidence: 0.75, factor: 1.25 },
  { confidence: 0.7, factor: 1.2 },
  { confidence: 0.63, factor: 1.15 },
  { confidence: 0.5, factor: 1 },
];

/** The guide's expansion factor at this confidence (1.6 at 95%); null where the guide has none. */
export function musExpansionFactor(confidence: number): number | null {
  return MUS_EXPANSION_FACTORS.find((row) => Math.abs(row.confidence - confidence) < 1e-9)?.factor ?? null;
}

function requireMinorUnits(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer of minor units >= ${min}, got ${value}`);
}

export interface MonetaryUnitSizeParams {
  /** Total of the population in minor units. */
  bookValue: number;
  tolerableMisstatement: number;
  /** Default 0. */
  expectedMisstatement?: number;
  /** Default 0.95. */
  confidence?: number;
}

/**
 * Sample size for monetary-unit sampling (AICPA Audit Sampling guide):
 * ceil(bookValue × R / (tolerable − expected × expansion factor)), R = R(0) = −ln(1 − confidence)
 * (2.9957 at 95%). With nothing expected that is ceil(bookValue × R / tolerable): 60 at 95% when
 * the tolerable misstatement is 5% of the total. Refuses (400, naming the field) an expected
 * misstatement at a confidence the guide's table lacks, or one that leaves nothing to tolerate.
 */
export function monetaryUnitSampleSize(params: MonetaryUnitSizeParams): number {
  const { bookValue, tolerableMisstatement, expectedMisstatement = 0, confidence = 0.95 } = params;
  requireMinorUnits("bookValue", bookValue, 1);
  requireMinorUnits("tolerableMisstatement", tolerableMisstatement, 1);
  requireMinorUnits("expectedMisstatement", expectedMisstatement, 0);
  const reliability = poissonUpperFactor(0, confidence);
  let room = tolerableMisstatement;
  if (expectedMisstatement > 0) {
    const factor = musExpansionFactor(confidence);
    if (factor === null) {
      const tabled = MUS_EXPANSION_FACTORS.map((row) => row.confidence).join(", ");
      throw ValidationError.field("confidence", `With an expected misstatement, confidence must be one the AICPA expansion factor table has: ${tabled}`);
    }
    room = tolerableMisstatement - expectedMisstatement * factor;
    if (!(room > 0)) {
      throw ValidationError.field("expectedMisstatement", `Expected misstatement × ${factor} must be less than the tolerable misstatement`);
    }
  }
  return Math.ceil((bookValue * reliability) / room);
}

export interface SampledMisstatement {
  /** The sampled item's book amount, minor units. */
  bookAmount: number;
  /** Book amount less audited amount (an overstatement), 0 to bookAmount. */
  misstatement: number;
}

export interface StringerParams {
  bookValue: number;
  /** The number of hits drawn, n (items larger than the interval may hold several). */
  sampleSize: number;
  /** Default 0.95. */
  confidence?: number;
  /** Every sampled item may be given; those with no misstatement add nothing. */
  items: readonly SampledMisstatement[];
}

export interface StringerBound {
  confidence: number;
  /** bookValue / sampleSize, in minor units, unrounded (a ratio, not an amount of money). */
  samplingInterval: number;
  /** R(0) × interval, rounded up: the limit had nothing been found. */
  basicPrecision: number;
  /** Σ tainting × interval over items smaller than the interval, plus the whole misstatement of larger ones; nearest unit. */
  projectedMisstatement: number;
  /** The Stringer bound, rounded up. */
  upperMisstatementLimit: number;
  /** upperMisstatementLimit − projectedMisstatement: basic precision plus the incremental allowances. */
  allowanceForSamplingRisk: number;
  /** Items smaller than the interval, largest tainting first, each with its factor R(i) − R(i−1). */
  taintings: Array<{ tainting: number; factorIncrement: number }>;
}

function requireMisstatement(item: SampledMisstatement): void {
  requireMinorUnits("bookAmount", item.bookAmount, 1);
  if (!Number.isSafeInteger(item.misstatement) || item.misstatement < 0 || item.misstatement > item.bookAmount) {
    throw new RangeError(`misstatement must be an integer from 0 to the book amount (${item.bookAmount}), got ${item.misstatement}`);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

/**
 * The Stringer upper limit on overstatement, in minor units, with J = bookValue / sampleSize:
 * R(0)·J (basic precision) plus, for the taintings t = misstatement / bookAmount of items smaller
 * than J ranked largest first, (R(i) − R(i−1))·tᵢ·J each; an item of J or more was certain to be
 * drawn, so its actual misstatement is added with no allowance. R(i) = poissonUpperFactor(i).
 * Understatements are not bounded here: the caller reports them apart.
 */
export function stringerBound(params: StringerParams): StringerBound {
  const { bookValue, sampleSize, confidence = 0.95, items } = params;
  requireMinorUnits("bookValue", bookValue, 1);
  if (!Number.isSafeInteger(sampleSize) || sampleSize < 1) throw new RangeError(`sampleSize must be a positive integer, got ${sampleSize}`);
  items.forEach(requireMisstatement);
  const interval = bookValue / sampleSize;
  // Compared in integers: bookAmount ≥ bookValue / sampleSize.
  const isLarge = (item: SampledMisstatement) => BigInt(item.bookAmount) * BigInt(sampleSize) >= BigInt(bookValue);
  const misstated = items.filter((item) => item.misstatement > 0);
  const large = misstated.filter(isLarge);
  const small = misstated.filter((item) => !isLarge(item));
  const ranked = small.map((item) => item.misstatement / item.bookAmount).sort((a, b) => b - a);

  const factors = Array.from({ length: ranked.length + 1 }, (_, i) => poissonUpperFactor(i, confidence));
  const taintings = ranked.map((tainting, i) => ({ tainting, factorIncrement: (factors[i + 1] ?? 0) - (factors[i] ?? 0) }));
  const largeTotal = large.reduce((sum, item) => sum + item.misstatement, 0);
  const basic = (factors[0] ?? 0) * interval;
  const limit = basic + taintings.reduce((sum, t) => sum + t.factorIncrement * t.tainting * interval, 0) + largeTotal;

  // Projected misstatement exactly, as a fraction: Σ m·B / (b·n) over small items, plus large items.
  let numerator = BigInt(largeTotal);
  let denominator = 1n;
  for (const item of small) {
    const termDenominator = BigInt(item.bookAmount) * BigInt(sampleSize);
    numerator = numerator * termDenominator + BigInt(item.misstatement) * BigInt(bookValue) * denominator;
    denominator *= termDenominator;
    const common = gcd(numerator, denominator);
    numerator /= common;
    denominator /= common;
  }
  const projectedMisstatement = Number((2n * numerator + denominator) / (2n * denominator));
  const upperMisstatementLimit = Math.ceil(limit);

  return {
    confidence,
    samplingInterval: interval,
    basicPrecision: Math.ceil(basic),
    projectedMisstatement,
    upperMisstatementLimit,
    allowanceForSamplingRisk: upperMisstatementLimit - projectedMisstatement,
    taintings,
  };
}
