/**
 * Sampling statistics an auditor can sign: how many spends to look at, what the deviations found
 * say about the whole month, and the distributions beneath them (binomial, hypergeometric,
 * Poisson, normal). Plain floating point is fine here (these are probabilities, not money); sums
 * are done term by term in log space so nothing underflows.
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

/** Smallest n in [from, to] where `done(n)` holds, for a `done` that stays true once true (`to` itself is not tried). */
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
  return whereFallsTo((p) => binomialCdf(deviations, n, p), 1 - confidence, 0, 1, 1e-12);
}

/**
 * The point in [lo, hi] where a CDF that falls as its parameter rises comes down to `risk`, by
 * bisection to within `tolerance`; the upper end of the last bracket is returned.
 */
function whereFallsTo(cdf: (x: number) => number, risk: number, lo: number, hi: number, tolerance: number): number {
  let below = lo;
  let above = hi;
  while (above - below > tolerance) {
    const mid = (below + above) / 2;
    if (cdf(mid) > risk) below = mid;
    else above = mid;
  }
  return above;
}

export interface HypergeometricUpperLimit {
  /** The largest number of deviant items the population can hold at the given confidence. */
  upperDeviations: number;
  /** upperDeviations / populationSize. */
  upperRate: number;
}

/**
 * Exact one-sided upper limit for a sample of `sampleSize` drawn without replacement from a known
 * population of `populationSize` that showed `deviations`: the largest D with
 * P(X <= deviations | N, D, n) > 1 − confidence (as jfa's hypergeometric likelihood and R's phyper
 * give it). 2 in 39 of 87 → 11 (12.6%); when every item was checked it is exactly what was seen.
 * The CDF falls as D rises, so D is found by bisection over the values the sample leaves possible.
 */
export function hypergeometricUpperLimit(deviations: number, sampleSize: number, populationSize: number, confidence = 0.95): HypergeometricUpperLimit {
  requireInteger("populationSize", populationSize, 1);
  requireInteger("sampleSize", sampleSize);
  requireInteger("deviations", deviations);
  requireOpenUnit("confidence", confidence);
  if (sampleSize > populationSize) throw new RangeError(`sampleSize (${sampleSize}) cannot exceed populationSize (${populationSize})`);
  if (deviations > sampleSize) throw new RangeError(`deviations (${deviations}) cannot exceed sampleSize (${sampleSize})`);
  const risk = 1 - confidence;
  // The population holds at least the deviations seen (where the CDF is 1, above any risk), and
  // at least the clean items seen. The answer is one below the first D whose CDF is at most the risk.
  const most = populationSize - (sampleSize - deviations);
  const tooMany = (deviant: number) => hypergeometricCdf(deviations, populationSize, deviant, sampleSize) <= risk;
  // most + 1 stands for "none qualify": past `most` the CDF is 0.
  const upperDeviations = smallestWhere(deviations + 1, most + 1, tooMany) - 1;
  return { upperDeviations, upperRate: upperDeviations / populationSize };
}

// Wichura's algorithm AS 241 (PPND16, Applied Statistics 1988): about 16 significant digits.
const AS241_CENTRAL_NUM = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const AS241_CENTRAL_DEN = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const AS241_NEAR_NUM = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const AS241_NEAR_DEN = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const AS241_FAR_NUM = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const AS241_FAR_DEN = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function polynomial(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * x + (coefficients[i] ?? 0);
  return sum;
}

/** The standard normal quantile Φ⁻¹(p), e.g. 1.959964 for p = 0.975 (AS 241). */
export function normalQuantile(p: number): number {
  requireOpenUnit("p", p);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(AS241_CENTRAL_NUM, r)) / polynomial(AS241_CENTRAL_DEN, r);
  }
  let r = Math.sqrt(-Math.log(Math.min(p, 1 - p)));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = polynomial(AS241_NEAR_NUM, r) / polynomial(AS241_NEAR_DEN, r);
  } else {
    r -= 5;
    x = polynomial(AS241_FAR_NUM, r) / polynomial(AS241_FAR_DEN, r);
  }
  return q < 0 ? -x : x;
}

/** P(X <= k) for X ~ Poisson(mean), summed term by term in log space. */
function poissonCdf(k: number, mean: number): number {
  if (mean === 0) return 1;
  const lnMean = Math.log(mean);
  let lnFactorial = 0;
  let sum = 0;
  for (let j = 0; j <= k; j++) {
    if (j > 0) lnFactorial += Math.log(j);
    sum += Math.exp(-mean + j * lnMean - lnFactorial);
  }
  return Math.min(1, sum);
}

/**
 * The Poisson upper confidence factor R(k): the mean at which seeing k or fewer events has
 * probability 1 − confidence, i.e. R's qgamma(confidence, k + 1). The reliability factors of
 * monetary-unit sampling: at 95%, 2.9957, 4.7439, 6.2958, 7.7537, 9.1535 (tabled as 3.00, 4.75,
 * 6.30, 7.76, 9.16). R(0) = −ln(1 − confidence) exactly; others by bisection to about 1e-12.
 */
export function poissonUpperFactor(events: number, confidence = 0.95): number {
  requireInteger("events", events);
  requireOpenUnit("confidence", confidence);
  if (events === 0) return -Math.log1p(-confidence);
  const risk = 1 - confidence;
  let hi = events + 1;
  while (poissonCdf(events, hi) > risk) hi *= 2;
  return whereFallsTo((mean) => poissonCdf(events, mean), risk, 0, hi, 1e-13 * hi);
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
