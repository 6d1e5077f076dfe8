import { describe, expect, it } from "vitest";
import reference from "../../../tests/fixtures/proportion-intervals.json" with { type: "json" };
import {
  attributeSampleSize,
  binomialCdf,
  clopperPearsonUpper,
  explainSampleSize,
  formatPercent,
  hypergeometricCdf,
  hypergeometricUpperLimit,
  normalQuantile,
  poissonUpperFactor,
} from "./statistics.ts";

// Exact references in integers, independent of the floating-point code under test.
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 0; i < k; i++) result = (result * BigInt(n - i)) / BigInt(i + 1);
  return result;
}

/** Exact check of P(X <= k) <= risk for Binomial(n, a/b), risk = r/s, all integers. */
function binomialAtMost(k: number, n: number, a: number, b: number, r: number, s: number): boolean {
  let numerator = 0n;
  for (let x = 0; x <= Math.min(k, n); x++) {
    numerator += choose(n, x) * BigInt(a) ** BigInt(x) * BigInt(b - a) ** BigInt(n - x);
  }
  return numerator * BigInt(s) <= BigInt(r) * BigInt(b) ** BigInt(n);
}

function exactBinomialSize(k: number, a: number, b: number, r: number, s: number): number {
  let n = 0;
  while (!binomialAtMost(k, n, a, b, r, s)) n++;
  return n;
}

function hyperAtMost(k: number, N: number, D: number, n: number, r: number, s: number): boolean {
  let numerator = 0n;
  for (let x = 0; x <= Math.min(k, n, D); x++) numerator += choose(D, x) * choose(N - D, n - x);
  return numerator * BigInt(s) <= BigInt(r) * choose(N, n);
}

function exactHyperSize(k: number, N: number, D: number, r: number, s: number): number {
  let n = 0;
  while (n < N && !hyperAtMost(k, N, D, n, r, s)) n++;
  return n;
}

describe("attributeSampleSize, large or unknown population (binomial)", () => {
  it("gives the textbook figures", () => {
    expect(attributeSampleSize({ confidence: 0.95, tolerableRate: 0.05, expectedDeviations: 0 })).toBe(59);
    expect(attributeSampleSize({ confidence: 0.95, tolerableRate: 0.1, expectedDeviations: 0 })).toBe(29);
    expect(attributeSampleSize({ confidence: 0.95, tolerableRate: 0.05, expectedDeviations: 1 })).toBe(93);
  });

  it("defaults to 95% confidence, 5% tolerable, no deviations", () => {
    expect(attributeSampleSize()).toBe(59);
    expect(attributeSampleSize({})).toBe(59);
  });

  it.each([
    // [expectedDeviations, rate a/b, risk r/s]
    [0, 1, 20, 1, 20],
    [1, 1, 20, 1, 20],
    [2, 1, 20, 1, 20],
    [0, 1, 10, 1, 20],
    [3, 1, 10, 1, 20],
    [0, 1, 50, 1, 20],
    [0, 1, 20, 1, 10],
    [1, 1, 20, 1, 100],
    [0, 1, 4, 1, 100],
  ])("matches exact integer arithmetic for k=%i, rate %i/%i, risk %i/%i", (k, a, b, r, s) => {
    const size = attributeSampleSize({ expectedDeviations: k, tolerableRate: a / b, confidence: 1 - r / s });
    expect(size).toBe(exactBinomialSize(k, a, b, r, s));
  });

  it("grows as the test gets stricter", () => {
    expect(attributeSampleSize({ tolerableRate: 0.01 })).toBeGreaterThan(attributeSampleSize({ tolerableRate: 0.05 }));
    expect(attributeSampleSize({ confidence: 0.99 })).toBeGreaterThan(attributeSampleSize({ confidence: 0.95 }));
    expect(attributeSampleSize({ expectedDeviations: 2 })).toBeGreaterThan(attributeSampleSize({ expectedDeviations: 1 }));
  });

  it("handles very small tolerable rates without looping forever", () => {
    const size = attributeSampleSize({ tolerableRate: 0.0001 });
    expect(size).toBeGreaterThan(29_000);
    expect(size).toBeLessThan(31_000);
  });

  it.each([
    { confidence: 0 },
    { confidence: 1 },
    { confidence: 1.5 },
    { tolerableRate: 0 },
    { tolerableRate: 1 },
    { tolerableRate: Number.NaN },
    { expectedDeviations: -1 },
    { expectedDeviations: 0.5 },
    { populationSize: -1 },
    { populationSize: 10.5 },
  ])("refuses %j", (params) => {
    expect(() => attributeSampleSize(params)).toThrow(RangeError);
  });
});

describe("attributeSampleSize, finite population (hypergeometric)", () => {
  it.each([
    // [N, expectedDeviations, rate, D = ceil(rate * N)]
    [100, 0, 0.05, 5],
    [100, 1, 0.05, 5],
    [60, 0, 0.05, 3],
    [41, 0, 0.05, 3],
    [200, 0, 0.1, 20],
    [100, 0, 0.07, 7],
    [500, 2, 0.05, 25],
  ])("N=%i, k=%i, rate %d: matches exact counting with D=%i", (N, k, rate, D) => {
    const size = attributeSampleSize({ populationSize: N, expectedDeviations: k, tolerableRate: rate });
    expect(size).toBe(exactHyperSize(k, N, D, 1, 20));
    expect(size).toBeLessThanOrEqual(N);
  });

  it("needs fewer than the binomial for a small population and about the same for a large one", () => {
    expect(attributeSampleSize({ populationSize: 100 })).toBeLessThan(59);
    expect(attributeSampleSize({ populationSize: 1_000_000 })).toBe(59);
  });

  it("never exceeds the population and says 'everything' when nothing less can do", () => {
    // 10 items at 5%: D = 1, and finding one item in ten with 95% confidence means n/10 >= 0.95.
    const size = attributeSampleSize({ populationSize: 10 });
    expect(size).toBe(exactHyperSize(0, 10, 1, 1, 20));
    expect(size).toBe(10);
    // D = 1 <= 1 tolerated: no sample can show more than one deviation.
    expect(attributeSampleSize({ populationSize: 20, expectedDeviations: 1 })).toBe(20);
    expect(attributeSampleSize({ populationSize: 0 })).toBe(0);
    expect(attributeSampleSize({ populationSize: 1 })).toBe(1);
  });
});

describe("binomialCdf and hypergeometricCdf", () => {
  it("agree with closed forms", () => {
    expect(binomialCdf(0, 59, 0.05)).toBeCloseTo(0.95 ** 59, 12);
    expect(binomialCdf(1, 10, 0.5)).toBeCloseTo(11 / 1024, 12);
    expect(binomialCdf(10, 10, 0.5)).toBe(1);
    expect(binomialCdf(0, 5, 0)).toBe(1);
    expect(binomialCdf(2, 5, 1)).toBe(0);
    // C(95,10)/C(100,10)
    expect(hypergeometricCdf(0, 100, 5, 10)).toBeCloseTo(Number((choose(95, 10) * 10n ** 15n) / choose(100, 10)) / 1e15, 12);
    expect(hypergeometricCdf(5, 100, 5, 10)).toBeCloseTo(1, 12);
    expect(hypergeometricCdf(0, 10, 10, 1)).toBe(0);
  });

  it("refuse nonsense", () => {
    expect(() => binomialCdf(0, 5, 1.1)).toThrow(RangeError);
    expect(() => binomialCdf(-1, 5, 0.5)).toThrow(RangeError);
    expect(() => hypergeometricCdf(0, 5, 6, 1)).toThrow(RangeError);
    expect(() => hypergeometricCdf(0, 5, 1, 6)).toThrow(RangeError);
  });
});

describe("clopperPearsonUpper", () => {
  it("0 in 59 gives 4.95%, the closed form 1 - 0.05^(1/59)", () => {
    const upper = clopperPearsonUpper(0, 59);
    expect(upper).toBeCloseTo(0.0495, 4);
    expect(upper).toBeCloseTo(1 - 0.05 ** (1 / 59), 10);
  });

  it("1 in 59 gives about 7.8%", () => {
    const upper = clopperPearsonUpper(1, 59);
    expect(upper).toBeCloseTo(0.0779, 4);
    // At the limit, seeing one or none is exactly the 5% risk.
    expect((1 - upper) ** 59 + 59 * upper * (1 - upper) ** 58).toBeCloseTo(0.05, 9);
  });

  it("uses the given confidence", () => {
    expect(clopperPearsonUpper(0, 59, 0.9)).toBeCloseTo(1 - 0.1 ** (1 / 59), 10);
    expect(clopperPearsonUpper(0, 59, 0.99)).toBeGreaterThan(clopperPearsonUpper(0, 59, 0.95));
  });

  it("rises with deviations and falls with sample size", () => {
    expect(clopperPearsonUpper(2, 59)).toBeGreaterThan(clopperPearsonUpper(1, 59));
    expect(clopperPearsonUpper(1, 200)).toBeLessThan(clopperPearsonUpper(1, 59));
    expect(clopperPearsonUpper(3, 20)).toBeGreaterThan(3 / 20);
  });

  it("is 1 when nothing was sampled or everything deviated", () => {
    expect(clopperPearsonUpper(0, 0)).toBe(1);
    expect(clopperPearsonUpper(59, 59)).toBe(1);
    expect(clopperPearsonUpper(1, 1)).toBe(1);
  });

  it("refuses nonsense", () => {
    expect(() => clopperPearsonUpper(5, 4)).toThrow(RangeError);
    expect(() => clopperPearsonUpper(-1, 4)).toThrow(RangeError);
    expect(() => clopperPearsonUpper(0, 4, 1)).toThrow(RangeError);
  });
});

describe("explainSampleSize", () => {
  it("explains the default sample in one sentence", () => {
    expect(explainSampleSize()).toBe(
      "59 spends: if 5% or more of this month's spends had a problem, a sample this size would show at least one with 95% confidence.",
    );
  });

  it("follows the parameters", () => {
    expect(explainSampleSize({ tolerableRate: 0.1, confidence: 0.9 })).toMatch(
      /^22 spends: if 10% or more of this month's spends had a problem, .* with 90% confidence\.$/,
    );
    expect(explainSampleSize({ expectedDeviations: 1 })).toBe(
      "93 spends: if 5% or more of this month's spends had a problem, a sample this size would show more than 1 with 95% confidence.",
    );
    expect(explainSampleSize({ tolerableRate: 0.025 })).toContain("2.5% or more");
  });

  it("uses the caller's words", () => {
    expect(explainSampleSize({ populationSize: 100 }, { plural: "cases", population: "March's cases" })).toMatch(
      /^\d+ cases: if 5% or more of March's cases had a problem/,
    );
  });

  it("says when only checking everything will do", () => {
    expect(explainSampleSize({ populationSize: 20, expectedDeviations: 1 })).toBe(
      "All 20 spends: there are so few that only checking every one can show whether 5% or more of this month's spends had a problem.",
    );
  });
});

describe("formatPercent", () => {
  it.each([
    [0.05, "5%"],
    [0.025, "2.5%"],
    [0.95, "95%"],
    [0.999, "99.9%"],
    [0.0495, "4.95%"],
    [1, "100%"],
  ])("%d is %s", (rate, text) => {
    expect(formatPercent(rate)).toBe(text);
  });
});

/** Exact largest D with P(X <= k | N, D, n) > r/s, in integers: the definition, searched by bisection. */
function exactHyperUpper(k: number, N: number, n: number, r: number, s: number): number {
  const total = choose(N, n);
  const above = (D: number) => {
    let numerator = 0n;
    for (let x = 0; x <= Math.min(k, D); x++) numerator += choose(D, x) * choose(N - D, n - x);
    return numerator * BigInt(s) > BigInt(r) * total;
  };
  let lo = k;
  let hi = N - (n - k);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (above(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

describe("hypergeometricUpperLimit", () => {
  // R 4.2.2 phyper, in tests/fixtures/proportion-intervals.json (hypergeometricUpper95).
  it.each(reference.hypergeometricUpper95.cases)("matches R for $k in $n of $N: $upperDeviations ($upperRate)", (c) => {
    const limit = hypergeometricUpperLimit(c.k, c.n, c.N);
    expect(limit.upperDeviations).toBe(c.upperDeviations);
    expect(limit.upperRate).toBeCloseTo(c.upperRate, 6);
  });

  it("gives the issue's figure: 2 problems in 39 of 87 spends is at most 12.6%, where the binomial says 15.3%", () => {
    expect(formatPercent(Number(hypergeometricUpperLimit(2, 39, 87).upperRate.toFixed(3)))).toBe("12.6%");
    expect(clopperPearsonUpper(2, 39)).toBeCloseTo(0.152765, 6);
  });

  it("is the observed rate when every item was checked", () => {
    expect(hypergeometricUpperLimit(2, 7, 7)).toEqual({ upperDeviations: 2, upperRate: 2 / 7 });
    expect(hypergeometricUpperLimit(0, 10, 10)).toEqual({ upperDeviations: 0, upperRate: 0 });
    expect(hypergeometricUpperLimit(3, 3, 3)).toEqual({ upperDeviations: 3, upperRate: 1 });
  });

  it("knows nothing (every item may deviate) when nothing was checked", () => {
    expect(hypergeometricUpperLimit(0, 0, 50)).toEqual({ upperDeviations: 50, upperRate: 1 });
  });

  it.each([
    // [k, N, n, risk r/s]
    [0, 60, 20, 1, 20],
    [1, 150, 40, 1, 20],
    [3, 400, 120, 1, 20],
    [0, 100_000, 59, 1, 20],
    [1, 100_000, 93, 1, 20],
    [3, 100_000, 300, 1, 20],
    [10, 100_000, 1_000, 1, 10],
  ])("matches exact integer arithmetic for %i in a sample from N=%i, n=%i, risk %i/%i", (k, N, n, r, s) => {
    expect(hypergeometricUpperLimit(k, n, N, 1 - r / s).upperDeviations).toBe(exactHyperUpper(k, N, n, r, s));
  });

  it("handles a large sample of a large population (SciPy 1.17.1 hypergeom gives 1257 for 50 in 5,000 of 100,000)", () => {
    expect(hypergeometricUpperLimit(50, 5_000, 100_000).upperDeviations).toBe(1_257);
  });

  it("is never above the binomial limit, which ignores that the population is finite", () => {
    for (const c of reference.hypergeometricUpper95.cases) {
      expect(clopperPearsonUpper(c.k, c.n)).toBeCloseTo(c.binomialUpperRate, 6);
      expect(hypergeometricUpperLimit(c.k, c.n, c.N).upperRate).toBeLessThanOrEqual(clopperPearsonUpper(c.k, c.n));
    }
  });

  it("refuses nonsense", () => {
    expect(() => hypergeometricUpperLimit(0, 8, 7)).toThrow(RangeError);
    expect(() => hypergeometricUpperLimit(3, 2, 7)).toThrow(RangeError);
    expect(() => hypergeometricUpperLimit(0, 0, 0)).toThrow(RangeError);
    expect(() => hypergeometricUpperLimit(0, 5, 7, 1)).toThrow(RangeError);
    expect(() => hypergeometricUpperLimit(0.5, 5, 7)).toThrow(RangeError);
  });
});

describe("normalQuantile", () => {
  // R's qnorm (and SciPy's norm.ppf) to 15 significant digits.
  it.each([
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.5, 0],
    [0.025, -1.959963984540054],
    [1e-10, -6.361340902404056],
  ])("Φ⁻¹(%d) = %d", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 13);
  });

  it("refuses probabilities outside (0, 1)", () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});

describe("poissonUpperFactor", () => {
  // R's qgamma(c, k + 1), in tests/fixtures/proportion-intervals.json (poissonUpperFactors).
  it.each(["0.95", "0.90"] as const)("matches R at %s", (level) => {
    reference.poissonUpperFactors[level].forEach((factor, k) => {
      expect(poissonUpperFactor(k, Number(level))).toBeCloseTo(factor, 6);
    });
  });

  // The AICPA Audit Sampling guide's table of confidence factors for overstatements, which
  // tables each factor rounded up to two decimals.
  it.each([
    [0.95, [3.0, 4.75, 6.3, 7.76, 9.16, 10.52, 11.85, 13.15, 14.44, 15.71, 16.97]],
    [0.9, [2.31, 3.89, 5.33, 6.69, 8.0, 9.28, 10.54, 11.78, 13.0, 14.21, 15.41]],
  ])("rounds up to the published table at %d", (confidence, table) => {
    expect(table.map((_, k) => Math.ceil(poissonUpperFactor(k, confidence) * 100) / 100)).toEqual(table);
  });

  it("is −ln(1 − confidence) for no events, and sits exactly where the Poisson CDF equals the risk", () => {
    expect(poissonUpperFactor(0)).toBeCloseTo(-Math.log(0.05), 14);
    expect(poissonUpperFactor(0, 0.99)).toBeCloseTo(4.605170186, 9);
    const r2 = poissonUpperFactor(2);
    expect(Math.exp(-r2) * (1 + r2 + (r2 * r2) / 2)).toBeCloseTo(0.05, 12);
  });

  it("refuses nonsense", () => {
    expect(() => poissonUpperFactor(-1)).toThrow(RangeError);
    expect(() => poissonUpperFactor(1.5)).toThrow(RangeError);
    expect(() => poissonUpperFactor(1, 1)).toThrow(RangeError);
  });
});
