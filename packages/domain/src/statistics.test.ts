import { describe, expect, it } from "vitest";
import {
  attributeSampleSize,
  binomialCdf,
  clopperPearsonUpper,
  explainSampleSize,
  formatPercent,
  hypergeometricCdf,
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
