/**
 * Distributions rather than league tables: quartiles for how long the loop takes, and the Lorenz
 * curve and Gini coefficient for how evenly spend reaches a team's caseload.
 */

function sortedFinite(values: readonly number[]): number[] {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`Values must be finite numbers, got ${value}`);
  }
  return [...values].sort((a, b) => a - b);
}

// R type 7 on values already sorted ascending (at least one).
function quantileOfSorted(sorted: readonly number[], probability: number): number {
  const h = (sorted.length - 1) * probability;
  const below = Math.floor(h);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? Number.NaN;
  return low + (h - below) * (high - low);
}

/**
 * The sample quantile R's quantile() gives by default (type 7 of Hyndman and Fan, 1996; also
 * NumPy's default): with the n values sorted as x[0] … x[n−1] and h = (n − 1)p, it is
 * x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋ + 1] − x[⌊h⌋]), linear between neighbouring values.
 */
export function quantile(values: readonly number[], probability: number): number {
  if (values.length === 0) throw new RangeError("quantile needs at least one value");
  if (!(probability >= 0 && probability <= 1)) throw new RangeError(`probability must be in [0, 1], got ${probability}`);
  return quantileOfSorted(sortedFinite(values), probability);
}

export interface Quartiles {
  count: number;
  lowerQuartile: number;
  median: number;
  upperQuartile: number;
}

/** Lower quartile, median and upper quartile by R's type 7 (see `quantile`); null for no values. */
export function quartiles(values: readonly number[]): Quartiles | null {
  if (values.length === 0) return null;
  const sorted = sortedFinite(values);
  return {
    count: sorted.length,
    lowerQuartile: quantileOfSorted(sorted, 0.25),
    median: quantileOfSorted(sorted, 0.5),
    upperQuartile: quantileOfSorted(sorted, 0.75),
  };
}

function sortedAmounts(amounts: readonly number[]): number[] {
  for (const amount of amounts) {
    if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`Amounts must be non-negative integers of minor units, got ${amount}`);
  }
  return [...amounts].sort((a, b) => a - b);
}

/**
 * Gini coefficient of amounts per client (clients with nothing included as 0), the standard
 * (uncorrected) form, as in R's ineq::Gini: with the n amounts sorted ascending as x₁ … xₙ,
 * G = Σ (2i − n − 1)·xᵢ / (n·Σ xᵢ). 0 when everyone has the same, (n − 1)/n when one client has
 * it all. Null when there are no clients or no spend: nothing to be unequal about.
 */
export function giniCoefficient(amounts: readonly number[]): number | null {
  const sorted = sortedAmounts(amounts);
  const n = sorted.length;
  const total = sorted.reduce((sum, x) => sum + x, 0);
  if (n === 0 || total === 0) return null;
  let weighted = 0;
  sorted.forEach((x, i) => {
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return weighted / (n * total);
}

/**
 * Lorenz curve points [share of clients, share of spend], clients from least to most spent on,
 * from [0, 0] to [1, 1]. Between points the curve is straight, so runs of equal amounts are
 * joined into one segment: only the corners are returned (a caseload of 1,000 clients with no
 * spend and 10 with £50 each gives 3 points). Empty when there are no clients or no spend.
 * The area under it is (1 − Gini) / 2.
 */
export function lorenzCurve(amounts: readonly number[]): Array<[number, number]> {
  const sorted = sortedAmounts(amounts);
  const n = sorted.length;
  const total = sorted.reduce((sum, x) => sum + x, 0);
  if (n === 0 || total === 0) return [];
  const points: Array<[number, number]> = [[0, 0]];
  let cumulative = 0;
  sorted.forEach((x, i) => {
    cumulative += x;
    // A corner is where the next client's amount differs (or the last client).
    if (i === n - 1 || sorted[i + 1] !== x) points.push([(i + 1) / n, cumulative / total]);
  });
  return points;
}
