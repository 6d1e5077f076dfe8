import { describe, expect, it } from "vitest";
import { decideSampleSize, explainRiskAddition, inSamplingOrder } from "./sample-plan.ts";

const base = { period: "2026-03", confidence: 0.95, tolerableRate: 0.05 };

describe("decideSampleSize", () => {
  it("uses attribute sampling by default: 59 for a large month at 95% and 5%, 29 at 10%", () => {
    expect(decideSampleSize({ ...base, populationSize: 100_000 })).toMatchObject({ size: 59, basis: "attribute" });
    expect(decideSampleSize({ ...base, populationSize: 100_000, tolerableRate: 0.1 }).size).toBe(29);
  });

  it("needs fewer for a small month (hypergeometric), and says why in words", () => {
    const decision = decideSampleSize({ ...base, populationSize: 100 });
    expect(decision.size).toBeLessThan(59);
    expect(decision.size).toBeGreaterThan(0);
    expect(decision.explanation).toContain(`${decision.size} spends`);
    expect(decision.explanation).toContain("5%");
    expect(decision.explanation).toContain("95%");
    expect(decision.explanation).toContain("the 100 spends in 2026-03");
  });

  it("takes all of a month too small to sample", () => {
    expect(decideSampleSize({ ...base, populationSize: 10 })).toMatchObject({ size: 10, basis: "attribute" });
  });

  it("honours an explicit size, capped at the population", () => {
    expect(decideSampleSize({ ...base, populationSize: 50, size: 7 })).toMatchObject({ size: 7, basis: "size" });
    const capped = decideSampleSize({ ...base, populationSize: 5, size: 7 });
    expect(capped).toMatchObject({ size: 5, basis: "size" });
    expect(capped.explanation).toMatch(/^All 5 spends in 2026-03: 7 asked for/);
  });

  it("rounds a rate up without floating-point surprises, and takes at least one", () => {
    expect(decideSampleSize({ ...base, populationSize: 30, rate: 0.1 }).size).toBe(3);
    expect(decideSampleSize({ ...base, populationSize: 31, rate: 0.1 }).size).toBe(4);
    expect(decideSampleSize({ ...base, populationSize: 3, rate: 0.01 }).size).toBe(1);
    expect(decideSampleSize({ ...base, populationSize: 3, rate: 1 }).size).toBe(3);
    expect(decideSampleSize({ ...base, populationSize: 30, rate: 0.1 }).explanation).toBe("3 spends: 10% of the 30 spends in 2026-03, rounded up.");
  });

  it("sizes a monetary-unit sample by value, ceil(BV × R / TM): 60 hits at 95% with 5% of the total tolerable, whatever the count", () => {
    const monetaryUnit = { bookValue: 100_000_000, tolerableMisstatement: 5_000_000, expectedMisstatement: 0 };
    const decision = decideSampleSize({ ...base, populationSize: 87, monetaryUnit });
    expect(decision).toMatchObject({ size: 60, basis: "monetary_unit" });
    expect(decision.explanation).toBe(
      "60 hits by value, one every £16,666.67 of the £1,000,000.00 spent (the 87 spends in 2026-03): the book value × 2.9957 (the reliability factor at 95% confidence) ÷ the £50,000.00 tolerable misstatement, rounded up.",
    );
    // Not capped at the number of spends: a spend larger than the interval holds several hits.
    expect(decideSampleSize({ ...base, populationSize: 10, monetaryUnit }).size).toBe(60);
    // An explicit size still wins.
    expect(decideSampleSize({ ...base, populationSize: 87, size: 20, monetaryUnit })).toMatchObject({ size: 20, basis: "size" });
  });

  it("refuses impossible requests", () => {
    expect(() => decideSampleSize({ ...base, populationSize: 0 })).toThrow(RangeError);
    expect(() => decideSampleSize({ ...base, populationSize: 10, size: 2, rate: 0.5 })).toThrow(RangeError);
    expect(() => decideSampleSize({ ...base, populationSize: 10, size: 0 })).toThrow(RangeError);
    expect(() => decideSampleSize({ ...base, populationSize: 10, rate: 1.5 })).toThrow(RangeError);
  });
});

describe("explainRiskAddition", () => {
  it("counts what the risk rules added", () => {
    expect(explainRiskAddition(0)).toBe("No other spends met a risk rule.");
    expect(explainRiskAddition(1)).toContain("added 1 spend,");
    expect(explainRiskAddition(3)).toContain("added 3 spends,");
    expect(explainRiskAddition(null)).toBe("Risk rules were switched off for this sample.");
  });
});

describe("inSamplingOrder", () => {
  it("sorts by code unit, not by locale, and leaves its input alone", () => {
    const input = [{ id: "b" }, { id: "B" }, { id: "a" }, { id: "é" }, { id: "10" }, { id: "9" }];
    expect(inSamplingOrder(input).map((i) => i.id)).toEqual(["10", "9", "B", "a", "b", "é"]);
    expect(input[0]?.id).toBe("b");
  });
});
