import { describe, expect, it } from "vitest";
import { isDeviation, statementOf, summariseFindings, type FindingItem, type FindingResult } from "./audit-report.ts";

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
