import { describe, expect, it } from "vitest";
import { giniCoefficient, lorenzCurve, quantile, quartiles, quartilesOfTally, type Tally } from "./distribution.ts";

// Reference values worked by hand from R's type 7 definition (h = (n − 1)p on 0-based sorted
// values, linear between neighbours); quantile(1:10) in R prints 1.00 3.25 5.50 7.75 10.00.
describe("quartiles (R type 7)", () => {
  it.each([
    ["1 to 10", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3.25, 5.5, 7.75],
    // sorted 0 1 3 7 12: h = 1, 2, 3 land on values
    ["five values, unsorted", [7, 1, 3, 0, 12], 1, 3, 7],
    // sorted 2 4 4 5 7 9: h = 1.25 → 4 + 0.25·0; h = 2.5 → 4 + 0.5·1; h = 3.75 → 5 + 0.75·2
    ["six values with a tie", [2, 4, 4, 5, 7, 9], 4, 4.5, 6.5],
    // h = 0.25, 0.5, 0.75 between 1 and 4
    ["two values", [4, 1], 1.75, 2.5, 3.25],
    ["one value", [3], 3, 3, 3],
    // sorted 0.5 1 2.25: h = 0.5 → 0.75; h = 1.5 → 1 + 0.5·1.25
    ["fractional days", [0.5, 2.25, 1], 0.75, 1, 1.625],
  ])("%s", (_, values, lowerQuartile, median, upperQuartile) => {
    expect(quartiles(values)).toEqual({ count: values.length, lowerQuartile, median, upperQuartile });
  });

  it("is null with no values", () => {
    expect(quartiles([])).toBeNull();
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    quartiles(values);
    expect(values).toEqual([3, 1, 2]);
  });
});

function tallyOf(values: readonly number[]): Tally[] {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }));
}

describe("quartiles of a frequency table", () => {
  it.each([
    ["1 to 10", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3.25, 5.5, 7.75],
    ["six values with a tie", [2, 4, 4, 5, 7, 9], 4, 4.5, 6.5],
    ["one value", [3], 3, 3, 3],
    // 0 ×3, 1 ×1, 5 ×4 = 0 0 0 1 5 5 5 5: h = 1.75 → 0; h = 3.5 → 1 + 0.5·4; h = 5.25 → 5
    ["runs of days", [5, 0, 5, 1, 0, 5, 0, 5], 0, 3, 5],
  ])("%s: the hand-worked type 7 values", (_, values, lowerQuartile, median, upperQuartile) => {
    expect(quartilesOfTally(tallyOf(values))).toEqual({ count: values.length, lowerQuartile, median, upperQuartile });
  });

  it("gives what quartiles gives for the values written out, whatever the table's order", () => {
    // A fixed linear congruential sequence: many shapes of table, the same every run.
    let state = 20261207;
    const next = (below: number) => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state % below;
    };
    for (let trial = 0; trial < 500; trial += 1) {
      const values = Array.from({ length: 1 + next(60) }, () => next(1 + next(90)) - 10);
      const tally = tallyOf(values).reverse();
      expect(quartilesOfTally(tally), `values ${values.join(" ")}`).toEqual(quartiles(values));
    }
  });

  it("skips values counted zero times, is null for an empty table, and refuses nonsense", () => {
    expect(quartilesOfTally([{ value: 100, count: 0 }, { value: 2, count: 2 }])).toEqual(quartiles([2, 2]));
    expect(quartilesOfTally([])).toBeNull();
    expect(quartilesOfTally([{ value: 1, count: 0 }])).toBeNull();
    expect(() => quartilesOfTally([{ value: 1, count: -1 }])).toThrow(RangeError);
    expect(() => quartilesOfTally([{ value: 1, count: 1.5 }])).toThrow(RangeError);
    expect(() => quartilesOfTally([{ value: Number.NaN, count: 1 }])).toThrow(RangeError);
  });
});

describe("quantile", () => {
  it("takes any probability: the 90th percentile of 1 to 10 is 9.1 (h = 8.1), the ends are min and max", () => {
    const oneToTen = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
    expect(quantile(oneToTen, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(oneToTen, 0)).toBe(1);
    expect(quantile(oneToTen, 1)).toBe(10);
  });

  it("refuses nonsense", () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, Number.NaN], 0.5)).toThrow(RangeError);
    expect(() => quartiles([1, Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

/** Area under a Lorenz curve by trapezoids; the Gini coefficient is 1 − 2 × area. */
function areaUnder(points: Array<[number, number]>): number {
  let area = 0;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1] ?? [0, 0];
    const [x1, y1] = points[i] ?? [0, 0];
    area += ((x1 - x0) * (y0 + y1)) / 2;
  }
  return area;
}

describe("giniCoefficient and lorenzCurve", () => {
  it("a hand-computed caseload: 0, 0, 10, 30, 60 gives Gini 0.6", () => {
    // Sorted, Σ i·xᵢ = 3·10 + 4·30 + 5·60 = 450; G = 2·450 / (5·100) − 6/5 = 0.6.
    // The Lorenz corners: 2 of 5 clients hold 0%, then 10%, 40%, 100%; the area under it is
    // 0.2·0.05 + 0.2·0.25 + 0.2·0.7 = 0.2, and 1 − 2·0.2 = 0.6.
    const amounts = [30, 0, 60, 10, 0];
    expect(giniCoefficient(amounts)).toBeCloseTo(0.6, 14);
    const lorenz = lorenzCurve(amounts);
    expect(lorenz).toHaveLength(5);
    [
      [0, 0],
      [0.4, 0],
      [0.6, 0.1],
      [0.8, 0.4],
      [1, 1],
    ].forEach(([x, y], i) => {
      expect(lorenz[i]?.[0]).toBeCloseTo(x ?? Number.NaN, 14);
      expect(lorenz[i]?.[1]).toBeCloseTo(y ?? Number.NaN, 14);
    });
    expect(areaUnder(lorenz)).toBeCloseTo(0.2, 14);
  });

  it("1, 2, 3, 4, 5 gives 4/15, as ineq::Gini defines it", () => {
    // Σ i·xᵢ = 55; G = 2·55 / (5·15) − 6/5 = 4/15.
    expect(giniCoefficient([1, 2, 3, 4, 5])).toBeCloseTo(4 / 15, 14);
  });

  it("is 0 when everyone has the same, or there is one client", () => {
    expect(giniCoefficient([700, 700, 700])).toBe(0);
    expect(lorenzCurve([700, 700, 700])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(giniCoefficient([500])).toBe(0);
    expect(lorenzCurve([500])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it("is (n − 1)/n when one client has it all", () => {
    expect(giniCoefficient([0, 0, 0, 100])).toBe(0.75);
    expect(lorenzCurve([0, 0, 0, 100])).toEqual([
      [0, 0],
      [0.75, 0],
      [1, 1],
    ]);
  });

  it("has nothing to say with no clients or no spend", () => {
    expect(giniCoefficient([])).toBeNull();
    expect(lorenzCurve([])).toEqual([]);
    expect(giniCoefficient([0, 0, 0])).toBeNull();
    expect(lorenzCurve([0, 0, 0])).toEqual([]);
  });

  it("agrees with the area under its Lorenz curve on a larger caseload", () => {
    const amounts = Array.from({ length: 1_000 }, (_, i) => (i * 7919) % 613 === 0 ? 0 : (i * 104_729) % 20_000);
    const gini = giniCoefficient(amounts) ?? Number.NaN;
    expect(1 - 2 * areaUnder(lorenzCurve(amounts))).toBeCloseTo(gini, 12);
  });

  it("joins a long run of clients with nothing into one segment", () => {
    const amounts = [...Array.from({ length: 1_000 }, () => 0), ...Array.from({ length: 10 }, () => 5_000)];
    expect(lorenzCurve(amounts)).toEqual([
      [0, 0],
      [1_000 / 1_010, 0],
      [1, 1],
    ]);
  });

  it("refuses amounts that are not non-negative integers of minor units", () => {
    expect(() => giniCoefficient([1, -1])).toThrow(RangeError);
    expect(() => lorenzCurve([1.5])).toThrow(RangeError);
  });
});
