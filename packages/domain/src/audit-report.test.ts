import { describe, expect, it } from "vitest";
import reference from "../../../tests/fixtures/proportion-intervals.json" with { type: "json" };
import { isDeviation, statementOf, summariseFindings, tallyByReason, type FindingItem, type FindingResult } from "./audit-report.ts";

function items(count: number, stratum: "random" | "risk", result: FindingResult | null): FindingItem[] {
  return Array.from({ length: count }, () => ({ stratum, result }));
}

describe("summariseFindings", () => {
  it("0 deviations in 59 random items: upper limit 4.95%", () => {
    const summary = summariseFindings(items(59, "random", "no_issue"), 0.95);
    expect(summary).toMatchObject({ items: 59, itemsReviewed: 59, deviations: 0, deviationRate: 0, complete: true });
    expect(summary.upperDeviationLimit).toBeCloseTo(0.0495, 4);
  });

  it("1 deviation in 59: upper limit about 7.8%", () => {
    const summary = summariseFindings([...items(58, "random", "no_issue"), ...items(1, "random", "minor")], 0.95);
    expect(summary.deviations).toBe(1);
    expect(summary.deviationRate).toBeCloseTo(1 / 59, 12);
    expect(summary.upperDeviationLimit).toBeCloseTo(0.0783, 3);
  });

  it("keeps risk items out of the limit but in the totals and their own stratum", () => {
    const summary = summariseFindings([...items(59, "random", "no_issue"), ...items(3, "risk", "major"), ...items(2, "risk", null)], 0.95);
    expect(summary.upperDeviationLimit).toBeCloseTo(0.0495, 4);
    expect(summary).toMatchObject({ items: 64, itemsReviewed: 62, deviations: 3, complete: false });
    expect(summary.byStratum.risk).toMatchObject({ items: 5, itemsReviewed: 3, deviations: 3, deviationRate: 1 });
    expect(summary.byStratum.random).toMatchObject({ items: 59, itemsReviewed: 59, deviations: 0 });
    expect(summary.byResult).toEqual({ no_issue: 59, minor: 0, major: 3, misuse_suspected: 0 });
  });

  it("counts only reviewed items, and knows nothing before the first finding", () => {
    const summary = summariseFindings(items(10, "random", null), 0.95);
    expect(summary).toMatchObject({ itemsReviewed: 0, deviationRate: null, upperDeviationLimit: 1, complete: false });
    expect(statementOf(summary, 100, "2026-03")).toMatch(/nothing can be said/);
  });

  it("treats every result but no_issue as a deviation", () => {
    expect(["no_issue", "minor", "major", "misuse_suspected"].map((r) => isDeviation(r as FindingResult))).toEqual([false, true, true, true]);
  });

  it("states the conclusion in words", () => {
    const summary = summariseFindings(items(59, "random", "no_issue"), 0.95);
    expect(statementOf(summary, 1_200, "2026-03")).toBe(
      "With 0 deviations in 59 randomly drawn spends, we can be 95% confident that no more than 4.95% of the 1,200 spends in 2026-03 deviate.",
    );
  });
});

describe("summariseFindings over a known population (hypergeometric)", () => {
  function randomItems(reviewed: number, deviations: number): FindingItem[] {
    return [...items(reviewed - deviations, "random", "no_issue"), ...items(deviations, "random", "major")];
  }

  // R 4.2.2 phyper, in tests/fixtures/proportion-intervals.json (hypergeometricUpper95).
  it.each(reference.hypergeometricUpper95.cases)("$k in $n of $N: at most $upperRate, where the binomial says $binomialUpperRate", (c) => {
    const summary = summariseFindings(randomItems(c.n, c.k), 0.95, c.N);
    expect(summary.upperLimitMethod).toBe("hypergeometric");
    expect(summary.upperDeviationLimit).toBeCloseTo(c.upperRate, 6);
    expect(summary.byStratum.random.upperDeviationLimit).toBeCloseTo(c.upperRate, 6);
    expect(summariseFindings(randomItems(c.n, c.k), 0.95).upperDeviationLimit).toBeCloseTo(c.binomialUpperRate, 6);
  });

  it("keeps the binomial limit, and says so, when the population size is not given", () => {
    expect(summariseFindings(randomItems(59, 0), 0.95).upperLimitMethod).toBe("binomial");
  });

  it("states the observed rate when every spend was checked: 2 of 7", () => {
    const summary = summariseFindings(randomItems(7, 2), 0.95, 7);
    expect(summary.upperDeviationLimit).toBe(2 / 7);
    expect(statementOf(summary, 7, "2026-11")).toBe("Every one of the 7 spends in 2026-11 was checked: 2 (28.57%) deviate.");
  });

  it("states the bound over the population otherwise: 2 in 39 of 87", () => {
    expect(statementOf(summariseFindings(randomItems(39, 2), 0.95, 87), 87, "2026-11")).toBe(
      "With 2 deviations in 39 randomly drawn spends, we can be 95% confident that no more than 12.64% of the 87 spends in 2026-11 deviate.",
    );
  });

  it("knows nothing before the first finding", () => {
    expect(summariseFindings(items(5, "random", null), 0.95, 7).upperDeviationLimit).toBe(1);
  });
});

describe("tallyByReason", () => {
  it("tallies each risk reason apart, in the fixed order, counting an item under every reason it has", () => {
    const named = tallyByReason([
      { stratum: "random", reasons: ["random", "recent_finding"], result: "major" },
      { stratum: "risk", reasons: ["concern", "recent_finding"], result: "no_issue" },
      { stratum: "risk", reasons: ["recent_finding"], result: null },
      { stratum: "random", reasons: ["random"], result: "minor" },
    ]);
    expect(named.map((t) => [t.reason, t.items, t.itemsReviewed, t.deviations])).toEqual([
      ["concern", 1, 1, 0],
      ["recent_finding", 3, 2, 1],
    ]);
  });
});
