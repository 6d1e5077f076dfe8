import { describe, expect, it } from "vitest";
import reference from "../../../tests/fixtures/proportion-intervals.json" with { type: "json" };
import { ValidationError } from "./errors.ts";
import { monetaryUnitSampleSize, musExpansionFactor, stringerBound } from "./monetary-unit.ts";

describe("monetaryUnitSampleSize", () => {
  // Worked by hand: ceil(BV × R / (TM − EM × EF)), R = −ln(1 − c) (2.995732 at 95%, 2.302585 at
  // 90%, 3.506558 at 97%), EF from the AICPA guide's table (1.6 at 95%, 1.5 at 90%).
  it.each([
    // Issue 17: tolerable misstatement 5% of the total at 95% → 59.91 → 60 (not the attribute 38).
    ["5% of £1m at 95% → 60", 100_000_000, 5_000_000, 0, 0.95, 60],
    ["5% of £87,000 at 95% → 60", 8_700_000, 435_000, 0, 0.95, 60],
    ["5% at 90%: 46.05 → 47", 100_000_000, 5_000_000, 0, 0.9, 47],
    ["5% at 97%, no expansion factor needed: 70.13 → 71", 100_000_000, 5_000_000, 0, 0.97, 71],
    ["£10,000 expected at 95%: 299,573,227 / 3,400,000 = 88.11 → 89", 100_000_000, 5_000_000, 1_000_000, 0.95, 89],
    ["£10,000 expected at 90%: 230,258,509 / 3,500,000 = 65.79 → 66", 100_000_000, 5_000_000, 1_000_000, 0.9, 66],
    ["£300,000, £15,000 tolerable, £6,000 expected: 89,871,968 / 540,000 = 166.43 → 167", 30_000_000, 1_500_000, 600_000, 0.95, 167],
    ["a tolerable misstatement above R × total still looks at one → 1", 1_000, 5_000, 0, 0.95, 1],
  ])("%s", (_, bookValue, tolerableMisstatement, expectedMisstatement, confidence, size) => {
    expect(monetaryUnitSampleSize({ bookValue, tolerableMisstatement, expectedMisstatement, confidence })).toBe(size);
  });

  it("defaults to 95% and nothing expected", () => {
    expect(monetaryUnitSampleSize({ bookValue: 100_000_000, tolerableMisstatement: 5_000_000 })).toBe(60);
  });

  it("uses the guide's expansion factors and knows which confidences it tables", () => {
    expect(musExpansionFactor(0.95)).toBe(1.6);
    expect(musExpansionFactor(0.9)).toBe(1.5);
    expect(musExpansionFactor(0.99)).toBe(1.9);
    expect(musExpansionFactor(0.97)).toBeNull();
  });

  it("refuses, naming the field, an expected misstatement at an untabled confidence or one that leaves nothing to tolerate", () => {
    const untabled = () => monetaryUnitSampleSize({ bookValue: 100_000_000, tolerableMisstatement: 5_000_000, expectedMisstatement: 1, confidence: 0.97 });
    expect(untabled).toThrow(ValidationError);
    expect(untabled).toThrow(/^confidence:/);
    // 3,125,000 × 1.6 = 5,000,000: nothing left.
    const tooMuch = () => monetaryUnitSampleSize({ bookValue: 100_000_000, tolerableMisstatement: 5_000_000, expectedMisstatement: 3_125_000 });
    expect(tooMuch).toThrow(ValidationError);
    expect(tooMuch).toThrow(/^expectedMisstatement:/);
  });

  it("refuses amounts that are not integers of minor units", () => {
    expect(() => monetaryUnitSampleSize({ bookValue: 0, tolerableMisstatement: 5 })).toThrow(RangeError);
    expect(() => monetaryUnitSampleSize({ bookValue: 100, tolerableMisstatement: 0.5 })).toThrow(RangeError);
    expect(() => monetaryUnitSampleSize({ bookValue: 100, tolerableMisstatement: 5, expectedMisstatement: -1 })).toThrow(RangeError);
    expect(() => monetaryUnitSampleSize({ bookValue: 100, tolerableMisstatement: 5, confidence: 1 })).toThrow(RangeError);
  });
});

describe("stringerBound", () => {
  it("two taintings, 0.5 and 0.2: the reference example, 6,966,974 to the penny", () => {
    // tests/fixtures/proportion-intervals.json, stringerExample (R 4.2.2 with qgamma factors):
    // £1,000,000 in 60 hits, J = 1,666,666.67; UML = J × (R0 + 0.5(R1 − R0) + 0.2(R2 − R1))
    // = 6,966,973.69 → 6,966,974; projected 0.7 × J = 1,166,666.67 → 1,166,667;
    // basic precision 2.995732 × J = 4,992,887.12 → 4,992,888.
    const example = reference.stringerExample;
    const bound = stringerBound({
      bookValue: example.bookValue,
      sampleSize: example.sampleSize,
      confidence: example.confidence,
      // Given smallest tainting first, to show the ranking: 25,000 of 125,000 and 20,000 of 40,000.
      items: [
        { bookAmount: 125_000, misstatement: 25_000 },
        { bookAmount: 40_000, misstatement: 20_000 },
      ],
    });
    expect(bound.samplingInterval).toBeCloseTo(example.samplingInterval, 2);
    expect(bound.upperMisstatementLimit).toBe(example.upperMisstatementLimit);
    expect(bound.projectedMisstatement).toBe(Math.round(example.projectedMisstatement));
    expect(bound.projectedMisstatement).toBe(1_166_667);
    expect(bound.basicPrecision).toBe(4_992_888);
    expect(bound.allowanceForSamplingRisk).toBe(6_966_974 - 1_166_667);
    expect(bound.taintings.map((t) => t.tainting)).toEqual(example.taintings);
    const factors = reference.poissonUpperFactors["0.95"];
    // The fixture's factors are rounded to six decimals, so their differences to about 1e-6.
    expect(bound.taintings[0]?.factorIncrement).toBeCloseTo((factors[1] ?? 0) - (factors[0] ?? 0), 5);
    expect(bound.taintings[1]?.factorIncrement).toBeCloseTo((factors[2] ?? 0) - (factors[1] ?? 0), 5);
  });

  it("at 90%, with three taintings, two items of the interval or more, and a clean item", () => {
    // £250,000 in 50 hits: J = 500,000. Items of 800,000 and 500,000 (≥ J) add their 30,000 and
    // 5,000 with no allowance. Taintings 0.6, 0.3, 0.1 with 90% factors (R: qgamma(0.9, k + 1))
    // 2.302585, 3.889720, 5.322320, 6.680783:
    // UML = 500,000 × (2.302585 + 0.6·1.587135 + 0.3·1.432600 + 0.1·1.358463) + 35,000
    //     = 1,945,246.23 → 1,945,247 (computed with SciPy 1.17.1 gamma.ppf and mpmath);
    // projected = 35,000 + 500,000 × (0.6 + 0.3 + 0.1) = 535,000; basic 1,151,292.55 → 1,151,293.
    const bound = stringerBound({
      bookValue: 25_000_000,
      sampleSize: 50,
      confidence: 0.9,
      items: [
        { bookAmount: 100_000, misstatement: 10_000 },
        { bookAmount: 800_000, misstatement: 30_000 },
        { bookAmount: 60_000, misstatement: 0 },
        { bookAmount: 40_000, misstatement: 24_000 },
        { bookAmount: 500_000, misstatement: 5_000 },
        { bookAmount: 250_000, misstatement: 75_000 },
      ],
    });
    expect(bound).toMatchObject({
      confidence: 0.9,
      samplingInterval: 500_000,
      basicPrecision: 1_151_293,
      projectedMisstatement: 535_000,
      upperMisstatementLimit: 1_945_247,
      allowanceForSamplingRisk: 1_410_247,
    });
    expect(bound.taintings.map((t) => t.tainting)).toEqual([0.6, 0.3, 0.1]);
  });

  it("with nothing found, the limit is the basic precision", () => {
    const bound = stringerBound({ bookValue: 100_000_000, sampleSize: 60, items: [{ bookAmount: 10_000, misstatement: 0 }] });
    expect(bound).toMatchObject({ basicPrecision: 4_992_888, projectedMisstatement: 0, upperMisstatementLimit: 4_992_888, taintings: [] });
  });

  it("rounds the projected misstatement half up exactly, where floating point would round down", () => {
    // J = 250 / 3; a tainting of 3/20 projects 250 × 3 / (3 × 20) = 12.5 exactly, which
    // 0.15 × 83.333… gives as 12.499999999999998 in floating point.
    expect(stringerBound({ bookValue: 250, sampleSize: 3, items: [{ bookAmount: 20, misstatement: 3 }] }).projectedMisstatement).toBe(13);
  });

  it("refuses what it cannot bound", () => {
    expect(() => stringerBound({ bookValue: 1_000, sampleSize: 0, items: [] })).toThrow(RangeError);
    expect(() => stringerBound({ bookValue: 1_000, sampleSize: 4, items: [{ bookAmount: 100, misstatement: -5 }] })).toThrow(RangeError);
    expect(() => stringerBound({ bookValue: 1_000, sampleSize: 4, items: [{ bookAmount: 100, misstatement: 101 }] })).toThrow(RangeError);
    expect(() => stringerBound({ bookValue: 1_000, sampleSize: 4, confidence: 0, items: [] })).toThrow(RangeError);
  });
});
