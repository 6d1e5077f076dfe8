/**
 * Attribute sampling statistics an auditor can sign: how many spends to look at, and what the
 * deviations found say about the whole month. Plain floating point is fine here (these are
 * probabilities, not money); sums are done term by term in log space so nothing underflows.
 */

export interface SampleSizeParams {
  /** Chance of catching a population at or above the tolerable rate, in (0, 1). Default 0.95. */
  confidence?: number;
  /** The deviation rate the auditor will not accept, in (0, 1). Default 0.05. */
  tolerableRate?: number;
  /** Deviations the auditor still accepts in the sample (0, 1, 2, …). Default 0. */
  expectedDeviations?: number;
  /** Number of items in the population; omit for a large or unknown population (binomial). */
  populationSize?: number;
}

// Lanczos approximation (g = 7, 9 terms): about 15 significant digits, plenty for log C(n, k).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const x = z - 1;
  let a = LANCZOS[0] ?? 0;
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] ?? 0) / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

function lnChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (k === 0 || k === n) return 0;
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

function requireInteger(name: string, value: number, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

function requireOpenUnit(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${name} must be strictly between 0 and 1, got ${value}`);
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  requireInteger("k", k);
  requireInteger("n", n);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (k >= n || p === 0) return 1;
  if (p === 1) return 0;
  const lnP = Math.log(p);
  const lnQ = Math.log1p(-p);
  let sum = 0;
  for (let x = 0; x <= k; x++) sum += Math.exp(lnChoose(n, x) + x * lnP + (n - x) * lnQ);
  return Math.min(1, sum);
}

/** P(X <= k) when drawing n of N items without replacement, D of which deviate (hypergeometric). */
export function hypergeometricCdf(k: number, populationSize: number, deviant: number, n: number): number {
  requireInteger("k", k);
  requireInteger("populationSize", populationSize);
  requireInteger("deviant", deviant);
  requireInteger("n", n);
  if (deviant > populationSize || n > populationSize) throw new RangeError("deviant and n cannot exceed populationSize");
  const lnTotal = lnChoose(populationSize, n);
  const lowest = Math.max(0, n - (populationSize - deviant));
  let sum = 0;
  for (let x = lowest; x <= Math.min(k, n, deviant); x++) {
    sum += Math.exp(lnChoose(deviant, x) + lnChoose(populationSize - deviant, n - x) - lnTotal);
  }
  return Math.min(1, sum);
}

/** Smallest n in [from, to] where `done(n)` holds, for a `done` that stays true once true. */
function smallestWhere(from: number, to: number, done: (n: number) => boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (done(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// Items needed before tolerableRate of the population is a whole number of deviant items.
// The small allowance stops 0.07 * 100 = 7.000000000000001 from rounding up to 8.
function deviantItems(tolerableRate: number, populationSize: number): number {
  return Math.ceil(tolerableRate * populationSize - 1e-9);
}

const MAX_SAMPLE = 1_000_000_000;

/**
 * The smallest sample size n such that, if the true deviation rate were the tolerable rate,
 * the chance of seeing expectedDeviations or fewer deviations is at most 1 − confidence.
 *
 * Without populationSize the binomial model is used (59 for 95%/5%/0, 29 for 95%/10%/0, 93 for
 * 95%/5%/1). With populationSize N the hypergeometric model is used with D = ceil(rate × N)
 * deviant items; n never exceeds N, and when D <= expectedDeviations no sample short of the
 * whole population can give the assurance, so the answer is N (look at everything).
 */
export function attributeSampleSize(params: SampleSizeParams = {}): number {
  const { confidence = 0.95, tolerableRate = 0.05, expectedDeviations = 0, populationSize } = params;
  requireOpenUnit("confidence", confidence);
  requireOpenUnit("tolerableRate", tolerableRate);
  requireInteger("expectedDeviations", expectedDeviations);
  const risk = 1 - confidence;

  if (populationSize !== undefined) {
    requireInteger("populationSize", populationSize);
    const deviant = deviantItems(tolerableRate, populationSize);
    if (deviant <= expectedDeviations) return populationSize;
    return smallestWhere(0, populationSize, (n) => hypergeometricCdf(expectedDeviations, populationSize, deviant, n) <= risk);
  }

  const enough = (n: number) => binomialCdf(expectedDeviations, n, tolerableRate) <= risk;
  let hi = expectedDeviations + 1;
  while (!enough(hi)) {
    hi *= 2;
    if (hi > MAX_SAMPLE) throw new RangeError("Sample size would exceed a billion items; loosen the parameters");
  }
  return smallestWhere(Math.floor(hi / 2), hi, enough);
}

/**
 * One-sided exact (Clopper–Pearson) upper confidence limit for the deviation rate after finding
 * `deviations` in a sample of `n`: the rate p at which seeing that few or fewer has probability
 * exactly 1 − confidence. 0 in 59 → 0.0495; 1 in 59 → 0.0783. n = 0 or deviations = n → 1.
 * Found by bisection on p to about 1e-12.
 */
export function clopperPearsonUpper(deviations: number, n: number, confidence = 0.95): number {
  requireInteger("n", n);
  requireInteger("deviations", deviations);
  requireOpenUnit("confidence", confidence);
  if (deviations > n) throw new RangeError(`deviations (${deviations}) cannot exceed n (${n})`);
  if (n === 0 || deviations === n) return 1;
  const risk = 1 - confidence;
  let lo = 0;
  let hi = 1;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    // The CDF falls as p rises: above the limit it is below the risk.
    if (binomialCdf(deviations, n, mid) > risk) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** "5%", "2.5%", "99.9%": a rate as a person would say it. */
export function formatPercent(rate: number): string {
  return `${Number((rate * 100).toFixed(2))}%`;
}

export interface SampleSizeWording {
  singular?: string;
  plural?: string;
  /** Whose items, as in "if 5% or more of <population> had a problem". */
  population?: string;
}

/**
 * One plain-English sentence saying what the sample size buys, e.g.
 * "59 spends: if 5% or more of this month's spends had a problem, a sample this size would show
 * at least one with 95% confidence."
 */
export function explainSampleSize(params: SampleSizeParams = {}, wording: SampleSizeWording = {}): string {
  const { confidence = 0.95, tolerableRate = 0.05, expectedDeviations = 0, populationSize } = params;
  const { singular = "spend", plural = "spends", population = "this month's spends" } = wording;
  const size = attributeSampleSize(params);
  const rate = formatPercent(tolerableRate);
  if (populationSize !== undefined && size === populationSize && deviantItems(tolerableRate, populationSize) <= expectedDeviations) {
    return `All ${size} ${size === 1 ? singular : plural}: there are so few that only checking every one can show whether ${rate} or more of ${population} had a problem.`;
  }
  const shown = expectedDeviations === 0 ? "at least one" : `more than ${expectedDeviations}`;
  return `${size} ${size === 1 ? singular : plural}: if ${rate} or more of ${population} had a problem, a sample this size would show ${shown} with ${formatPercent(confidence)} confidence.`;
}
