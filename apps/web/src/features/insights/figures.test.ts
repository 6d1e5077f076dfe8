import { describe, expect, it } from "vitest";
import { describeRate } from "@greentape/domain/rates";
import type { OutcomeGroup } from "@greentape/contract/insights";
import { compareGroups, describeHelpedRate, formatInterval, formatPoints, formatPointsInterval, lorenzDeciles, outcomeSlices, ratePoints } from "./figures.ts";
import { formatShare } from "../../lib/format.ts";

/** A group as the API reports it, from its outcome counts (reached, helped and the interval follow from them). */
function group(label: string, counts: Partial<OutcomeGroup["outcomes"]>, spends: number): OutcomeGroup {
  const outcomes = { helped_a_lot: 0, helped_a_little: 0, no_difference: 0, made_things_worse: 0, could_not_contact: 0, ...counts };
  const followUps = Object.values(outcomes).reduce((a, b) => a + b, 0);
  const reached = followUps - outcomes.could_not_contact;
  const helped = outcomes.helped_a_lot + outcomes.helped_a_little;
  const rate = describeRate(helped, reached);
  return {
    key: label.toLowerCase(),
    label,
    spends,
    amount: spends * 1000,
    followUps,
    reached,
    helped,
    notFollowedUp: spends - followUps,
    outcomes,
    helpedRate: rate.rate,
    interval: rate.interval,
    tooFewToTell: rate.tooFewToTell,
    clients: spends,
    clientsHelped: helped,
    costPerClientHelped: helped === 0 ? null : Math.round((spends * 1000) / helped),
  };
}

describe("rates in words", () => {
  it("writes shares and differences as people read them", () => {
    expect(formatShare(0.8)).toBe("80%");
    expect(formatShare(0.04)).toBe("4%");
    expect(formatShare(0.0049)).toBe("0.5%");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(1)).toBe("100%");
    expect(formatPoints(0.12)).toBe("12 points");
    expect(formatPoints(-0.034)).toBe("−3.4 points");
    expect(formatPoints(0.01)).toBe("1 point");
    expect(formatInterval({ lower: 0.4902, upper: 0.9433 })).toBe("49% to 94%");
    expect(formatPointsInterval({ lower: -0.034, upper: 0.27 })).toBe("−3.4 to 27 points");
  });

  it("gives the helped rate with its Wilson interval, 8 of 10 as 80% (49% to 94%)", () => {
    const g = group("Travel", { helped_a_lot: 5, helped_a_little: 3, no_difference: 2, could_not_contact: 4 }, 20);
    expect(g.reached).toBe(10);
    expect(describeHelpedRate(g)).toBe("80% (49% to 94%)");
  });

  it("says too few to tell below ten clients reached, with the counts, and says so when nobody was reached", () => {
    expect(describeHelpedRate(group("Food", { helped_a_lot: 4, no_difference: 5 }, 9))).toBe("Too few to tell (4 of 9)");
    expect(describeHelpedRate(group("Food", { could_not_contact: 3 }, 5))).toBe("No client reached yet");
  });

  it("counts could-not-contact and not-yet-followed-up apart", () => {
    const g = group("Travel", { helped_a_lot: 2, could_not_contact: 3 }, 9);
    const slices = outcomeSlices([g]);
    expect(slices.find((s) => s.part === "Could not contact")?.count).toBe(3);
    expect(slices.find((s) => s.part === "Not followed up yet")?.count).toBe(4);
    expect(slices.reduce((sum, s) => sum + s.count, 0)).toBe(9);
  });

  it("charts only the groups whose rate can be told", () => {
    const points = ratePoints([group("Travel", { helped_a_lot: 8, no_difference: 2 }, 10), group("Food", { helped_a_lot: 1 }, 1)]);
    expect(points.map((p) => p.label)).toEqual(["Travel"]);
    expect(points[0]?.lower).toBeCloseTo(0.4902, 4);
    expect(points[0]?.upper).toBeCloseTo(0.9433, 4);
  });
});

describe("comparing two groups", () => {
  it("gives the difference with Newcombe's interval: 56/70 against 48/80 is 20 points (5.2 to 33)", () => {
    const first = group("Travel", { helped_a_lot: 56, no_difference: 14 }, 70);
    const second = group("Food", { helped_a_little: 48, made_things_worse: 32 }, 80);
    const result = compareGroups(first, second);
    expect(result.difference).toBeCloseTo(0.2, 10);
    expect(result.interval?.lower).toBeCloseTo(0.0524, 4);
    expect(result.interval?.upper).toBeCloseTo(0.3339, 4);
    expect(result.sentence).toBe(
      "Travel: helped rate 20 points higher than Food (95% interval 5.2 to 33 points). The interval leaves out no difference, so the gap is unlikely to be chance alone.",
    );
  });

  it("says when the interval includes no difference", () => {
    const result = compareGroups(group("Team A", { helped_a_lot: 6, no_difference: 4 }, 10), group("Team B", { helped_a_lot: 7, no_difference: 3 }, 10));
    expect(result.sentence).toMatch(/^Team A: helped rate 10 points lower than Team B \(95% interval −\d+ to \d+ points\)\. The interval includes no difference/);
  });

  it("will not compare a group too few to tell, or one that reached nobody", () => {
    const enough = group("Travel", { helped_a_lot: 8, no_difference: 2 }, 10);
    expect(compareGroups(enough, group("Food", { helped_a_lot: 3 }, 3)).sentence).toBe("Too few to tell: fewer than 10 clients were reached in Food.");
    const nobody = compareGroups(group("Food", { could_not_contact: 2 }, 2), enough);
    expect(nobody.difference).toBeNull();
    expect(nobody.sentence).toBe("No client of Food has been reached yet, so the two cannot be compared.");
  });
});

describe("the Lorenz curve in a table", () => {
  it("reads the curve at each tenth of clients, between its corners on straight lines", () => {
    // Four clients: nothing, nothing, £1, £3 → (0.25, 0), (0.5, 0), (0.75, 0.25), (1, 1).
    const deciles = lorenzDeciles([
      [0, 0],
      [0.25, 0],
      [0.5, 0],
      [0.75, 0.25],
      [1, 1],
    ]);
    expect(deciles.map((d) => d.clients)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(deciles[4]?.spend).toBe(0);
    expect(deciles[5]?.spend).toBeCloseTo(0.1, 10);
    expect(deciles[7]?.spend).toBeCloseTo(0.4, 10);
    expect(deciles[9]?.spend).toBe(1);
    expect(lorenzDeciles([])).toEqual([]);
  });

  it("gives the line of equality when every client had the same", () => {
    expect(lorenzDeciles([[0, 0], [1, 1]]).map((d) => Math.round(d.spend * 100))).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });
});
