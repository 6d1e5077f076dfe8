import { describe, expect, it } from "vitest";
import { emptyOutcomeCounts, outcomeFigures, publicOutcomeBreakdown, suppressedCells, type OutcomeTotals } from "./insights.ts";

function totals(overrides: Partial<Omit<OutcomeTotals, "outcomes">> & { outcomes?: Partial<OutcomeTotals["outcomes"]> } = {}): OutcomeTotals {
  return { spends: 0, amount: 0, clients: 0, clientsHelped: 0, ...overrides, outcomes: { ...emptyOutcomeCounts(), ...overrides.outcomes } };
}

describe("outcomeFigures", () => {
  it("counts helped out of reached, could_not_contact and not-followed-up apart, with the Wilson interval", () => {
    // 8 helped of 10 reached: the published check, 0.4902 to 0.9433.
    const f = outcomeFigures(totals({ spends: 14, amount: 12_000, clients: 9, clientsHelped: 6, outcomes: { helped_a_lot: 5, helped_a_little: 3, no_difference: 1, made_things_worse: 1, could_not_contact: 2 } }));
    expect(f).toMatchObject({ followUps: 12, reached: 10, helped: 8, notFollowedUp: 2, helpedRate: 0.8, tooFewToTell: false, costPerClientHelped: 2_000 });
    expect(f.interval?.lower).toBeCloseTo(0.4902, 4);
    expect(f.interval?.upper).toBeCloseTo(0.9433, 4);
  });

  it("has no rate, interval or cost when nobody was reached or helped, and says too few to tell", () => {
    const f = outcomeFigures(totals({ spends: 3, amount: 900, clients: 2, outcomes: { could_not_contact: 2 } }));
    expect(f).toMatchObject({ followUps: 2, reached: 0, helped: 0, notFollowedUp: 1, helpedRate: null, interval: null, tooFewToTell: true, costPerClientHelped: null });
  });

  it("rounds the cost per client helped to whole pence", () => {
    expect(outcomeFigures(totals({ spends: 3, amount: 1_000, clients: 3, clientsHelped: 3, outcomes: { helped_a_lot: 3 } })).costPerClientHelped).toBe(333);
  });
});

describe("suppressedCells", () => {
  it("withholds counts under 5 and, when only one is withheld, the smallest other non-zero one", () => {
    expect(suppressedCells([12, 4, 30])).toEqual([true, true, false]);
    expect(suppressedCells([12, 3, 2, 30])).toEqual([false, true, true, false]);
    expect(suppressedCells([0, 7, 9])).toEqual([true, true, false]);
    expect(suppressedCells([5, 6])).toEqual([false, false]);
  });

  it("applies only the under-5 rule to a lone cell (a total)", () => {
    expect(suppressedCells([4])).toEqual([true]);
    expect(suppressedCells([5])).toEqual([false]);
  });
});

describe("publicOutcomeBreakdown", () => {
  it("withholds each small count, the amount with its spends and the rate with its counts", () => {
    const big = outcomeFigures(totals({ spends: 40, amount: 80_000, clients: 30, clientsHelped: 20, outcomes: { helped_a_lot: 20, helped_a_little: 6, no_difference: 6, could_not_contact: 2 } }));
    const mid = outcomeFigures(totals({ spends: 9, amount: 9_000, clients: 8, clientsHelped: 3, outcomes: { helped_a_lot: 3, no_difference: 5 } }));
    const small = outcomeFigures(totals({ spends: 3, amount: 4_500, clients: 3, clientsHelped: 1, outcomes: { helped_a_little: 1 } }));
    const [a, b, c] = publicOutcomeBreakdown([big, mid, small]);
    expect(a).toMatchObject({ spends: 40, amount: 80_000, followUps: 34, reached: 32, helped: 26, helpedRate: 26 / 32, suppressed: [] });
    expect(a?.interval).not.toBeNull();
    // mid: spends 9 is withheld beside small's 3 (complementary); its helped 3 is under 5.
    expect(b).toMatchObject({ spends: null, amount: null, followUps: null, reached: null, helped: null, helpedRate: null, interval: null });
    expect(b?.suppressed).toEqual(["spends", "amount", "followUps", "reached", "helped", "helpedRate"]);
    expect(c).toMatchObject({ spends: null, amount: null, followUps: null, reached: null, helped: null, helpedRate: null, interval: null });
  });
});
