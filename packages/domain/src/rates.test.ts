import { describe, expect, it } from "vitest";
import reference from "../../../tests/fixtures/proportion-intervals.json" with { type: "json" };
import { compareRates, describeRate, newcombeDifferenceInterval, TOO_FEW_TO_TELL_BELOW, wilsonInterval } from "./rates.ts";

describe("wilsonInterval", () => {
  it("8 of 10 at 95% is 0.4902 to 0.9433 (the figure issue 14 gives)", () => {
    const interval = wilsonInterval(8, 10);
    expect(interval.lower).toBeCloseTo(0.4902, 4);
    expect(interval.upper).toBeCloseTo(0.9433, 4);
    expect(interval).toMatchObject({ method: "wilson", confidence: 0.95 });
  });

  // R 4.2.2: prop.test(k, n, correct = FALSE)$conf.int, in tests/fixtures/proportion-intervals.json.
  it.each(reference.wilson95)("matches R's prop.test for $k of $n: $lower to $upper", ({ k, n, lower, upper }) => {
    const interval = wilsonInterval(k, n);
    expect(interval.lower).toBeCloseTo(lower, 9);
    expect(interval.upper).toBeCloseTo(upper, 9);
  });

  it("is exactly 0 or 1 at the ends and stays inside [0, 1]", () => {
    expect(wilsonInterval(0, 10).lower).toBe(0);
    expect(wilsonInterval(10, 10).upper).toBe(1);
    for (let k = 0; k <= 7; k++) {
      const { lower, upper } = wilsonInterval(k, 7);
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1);
      expect(lower).toBeLessThanOrEqual(k / 7);
      expect(upper).toBeGreaterThanOrEqual(k / 7);
    }
  });

  // SciPy 1.17.1: binomtest(k, n).proportion_ci(confidence_level, method="wilson").
  it.each([
    [8, 10, 0.99, 0.4008186965216716, 0.9598688474953836],
    [56, 70, 0.9, 0.710870903159285, 0.8668016924182147],
  ])("uses the confidence asked for: %i of %i at %d is %d to %d", (k, n, confidence, lower, upper) => {
    const interval = wilsonInterval(k, n, confidence);
    expect(interval.lower).toBeCloseTo(lower, 12);
    expect(interval.upper).toBeCloseTo(upper, 12);
    expect(interval.confidence).toBe(confidence);
  });

  it("refuses nonsense", () => {
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(5, 10, 1)).toThrow(RangeError);
  });
});

describe("newcombeDifferenceInterval", () => {
  // Newcombe, Statistics in Medicine 17:873–890 (1998), Table II, method 10 (the hybrid score
  // interval), to the four decimals printed there; re-derived with SciPy 1.17.1 from the definition.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])("%i/%i − %i/%i: %d to %d", (k1, n1, k2, n2, lower, upper) => {
    const interval = newcombeDifferenceInterval(k1, n1, k2, n2);
    expect(interval.lower).toBeCloseTo(lower, 4);
    expect(interval.upper).toBeCloseTo(upper, 4);
    expect(interval).toMatchObject({ method: "newcombe", confidence: 0.95 });
  });

  // R 4.2.2, built from prop.test's Wilson limits, in tests/fixtures/proportion-intervals.json.
  it.each(reference.newcombeDifference95)("matches R for $k1/$n1 − $k2/$n2: $lower to $upper", ({ k1, n1, k2, n2, lower, upper }) => {
    const interval = newcombeDifferenceInterval(k1, n1, k2, n2);
    expect(interval.lower).toBeCloseTo(lower, 6);
    expect(interval.upper).toBeCloseTo(upper, 6);
  });

  it("is the mirror image when the groups swap", () => {
    const ab = newcombeDifferenceInterval(56, 70, 48, 80);
    const ba = newcombeDifferenceInterval(48, 80, 56, 70);
    expect(ba.lower).toBeCloseTo(-ab.upper, 14);
    expect(ba.upper).toBeCloseTo(-ab.lower, 14);
  });

  it("refuses an empty group", () => {
    expect(() => newcombeDifferenceInterval(0, 0, 1, 2)).toThrow(RangeError);
  });
});

describe("describeRate", () => {
  it("gives counts, rate and interval, and says too few to tell under 10 trials", () => {
    expect(TOO_FEW_TO_TELL_BELOW).toBe(10);
    const nine = describeRate(5, 9);
    expect(nine).toMatchObject({ successes: 5, trials: 9, rate: 5 / 9, tooFewToTell: true });
    expect(nine.interval).toEqual(wilsonInterval(5, 9));
    expect(describeRate(8, 10)).toMatchObject({ rate: 0.8, tooFewToTell: false, interval: wilsonInterval(8, 10) });
  });

  it("has no rate or interval with no trials", () => {
    expect(describeRate(0, 0)).toEqual({ successes: 0, trials: 0, rate: null, interval: null, tooFewToTell: true });
  });

  it("refuses nonsense", () => {
    expect(() => describeRate(1, 0)).toThrow(RangeError);
    expect(() => describeRate(0, -1)).toThrow(RangeError);
  });
});

describe("compareRates", () => {
  it("gives both groups, the difference and its Newcombe interval", () => {
    const comparison = compareRates({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    expect(comparison.difference).toBeCloseTo(0.2, 14);
    expect(comparison.interval).toEqual(newcombeDifferenceInterval(56, 70, 48, 80));
    expect(comparison.first.rate).toBe(0.8);
    expect(comparison.second.rate).toBe(0.6);
    expect(comparison.tooFewToTell).toBe(false);
  });

  it("is too few to tell when either group is", () => {
    expect(compareRates({ successes: 9, trials: 10 }, { successes: 3, trials: 9 }).tooFewToTell).toBe(true);
  });

  it("has no difference when a group has no trials", () => {
    expect(compareRates({ successes: 9, trials: 10 }, { successes: 0, trials: 0 })).toMatchObject({ difference: null, interval: null, tooFewToTell: true });
  });
});
