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

// R type 7 over n values (at least one) sorted ascending, read by 0-based rank.
function typeSeven(n: number, valueAtRank: (rank: number) => number, probability: number): number {
  const h = (n - 1) * probability;
  const below = Math.floor(h);
  const low = valueAtRank(below);
  const high = valueAtRank(Math.min(below + 1, n - 1));
  return low + (h - below) * (high - low);
}

function quantileOfSorted(sorted: readonly number[], probability: number): number {
  return typeSeven(sorted.length, (rank) => sorted[rank] ?? Number.NaN, probability);
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

/** How many times a value occurs: a row of a frequency table. */
export interface Tally {
  value: number;
  count: number;
}

/**
 * The quartiles of the values a frequency table stands for, the same as `quartiles` of those
 * values written out one by one. A database counts 100,000 spends' whole days into a few dozen
 * rows far faster than it sorts them, and the quartiles come from the counts exactly.
 */
export function quartilesOfTally(tally: readonly Tally[]): Quartiles | null {
  for (const { value, count } of tally) {
    if (!Number.isFinite(value)) throw new RangeError(`Values must be finite numbers, got ${value}`);
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`Counts must be non-negative integers, got ${count}`);
  }
  const sorted = tally.filter((t) => t.count > 0).sort((a, b) => a.value - b.value);
  const ranksBelow: number[] = [];
  let n = 0;
  for (const { count } of sorted) {
    ranksBelow.push(n);
    n += count;
  }
  if (n === 0) return null;
  // The last entry whose first rank is at or before the rank asked for holds it.
  const valueAtRank = (rank: number): number => {
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((ranksBelow[mid] as number) <= rank) low = mid;
      else high = mid - 1;
    }
    return (sorted[low] as Tally).value;
  };
  return { count: n, lowerQuartile: typeSeven(n, valueAtRank, 0.25), median: typeSeven(n, valueAtRank, 0.5), upperQuartile: typeSeven(n, valueAtRank, 0.75) };
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
