import { describe, expect, it } from "vitest";
import { CAP_ORDER, capMessage, firstExceeded, remaining, rollingWindowPeak, type CapUsage } from "./caps.ts";

describe("remaining", () => {
  it.each([
    [5000, 0, 5000],
    [5000, 1250, 3750],
    [5000, 5000, 0],
    [5000, 6000, 0],
    [0, 0, 0],
  ])("limit %i, used %i → %i", (limit, used, expected) => {
    expect(remaining(limit, used)).toBe(expected);
  });

  it("is null when there is no cap", () => {
    expect(remaining(null, 123_456)).toBeNull();
  });
});

const CAPS: CapUsage[] = [
  { cap: "perSpend", limit: 5000, used: 0 },
  { cap: "perClient", limit: 10_000, used: 7000 },
  { cap: "perWorkerMonthly", limit: 20_000, used: 18_500 },
  { cap: "teamMonthly", limit: 100_000, used: 99_000 },
];

describe("firstExceeded", () => {
  // Left under each cap: perSpend 5000, perClient 3000, perWorkerMonthly 1500, teamMonthly 1000.
  it.each([
    [1000, null],
    [1001, { cap: "teamMonthly", limit: 100_000, remaining: 1000 }],
    [1500, { cap: "teamMonthly", limit: 100_000, remaining: 1000 }],
    [1501, { cap: "perWorkerMonthly", limit: 20_000, remaining: 1500 }],
    [3000, { cap: "perWorkerMonthly", limit: 20_000, remaining: 1500 }],
    [3001, { cap: "perClient", limit: 10_000, remaining: 3000 }],
    [5001, { cap: "perSpend", limit: 5000, remaining: 5000 }],
  ] as const)("an amount of %i → %j", (amount, expected) => {
    expect(firstExceeded(amount, CAPS)).toEqual(expected);
  });

  it("allows spending exactly what remains under every cap", () => {
    expect(firstExceeded(1000, CAPS)).toBeNull();
    expect(firstExceeded(1001, CAPS)).toEqual({ cap: "teamMonthly", limit: 100_000, remaining: 1000 });
  });

  it("reports in the fixed order whatever order the caps arrive in", () => {
    expect(CAP_ORDER).toEqual(["perSpend", "perClient", "perWorkerMonthly", "teamMonthly"]);
    const allFull: CapUsage[] = [
      { cap: "teamMonthly", limit: 100, used: 100 },
      { cap: "perWorkerMonthly", limit: 100, used: 100 },
      { cap: "perClient", limit: 100, used: 100 },
      { cap: "perSpend", limit: 100, used: 0 },
    ];
    expect(firstExceeded(101, allFull)?.cap).toBe("perSpend");
    expect(firstExceeded(50, allFull)?.cap).toBe("perClient");
    expect(firstExceeded(50, allFull.slice(0, 2))?.cap).toBe("perWorkerMonthly");
    expect(firstExceeded(50, allFull.slice(0, 1))?.cap).toBe("teamMonthly");
  });

  it("skips caps the scheme does not have", () => {
    const caps: CapUsage[] = [
      { cap: "perSpend", limit: null, used: 0 },
      { cap: "perClient", limit: null, used: 999_999 },
      { cap: "teamMonthly", limit: 10_000, used: 9_000 },
    ];
    expect(firstExceeded(1_000, caps)).toBeNull();
    expect(firstExceeded(1_001, caps)).toEqual({ cap: "teamMonthly", limit: 10_000, remaining: 1_000 });
    expect(firstExceeded(1_000_000, [])).toBeNull();
  });

  it("reports remaining as 0, not negative, when a cap is already overspent", () => {
    expect(firstExceeded(1, [{ cap: "teamMonthly", limit: 100, used: 150 }])).toEqual({
      cap: "teamMonthly",
      limit: 100,
      remaining: 0,
    });
  });
});

describe("capMessage", () => {
  it("sends a spend over the per-spend cap to the normal approval route", () => {
    const text = capMessage("perSpend", 5000, 5000);
    expect(text).toContain("£50.00");
    expect(text).toContain("normal approval route");
  });

  it.each([
    ["perClient", "this client", "£30.00"],
    ["perWorkerMonthly", "your £200.00 allowance this month", "£30.00"],
    ["teamMonthly", "team", "£30.00"],
  ] as const)("%s names what is left and the limit", (cap, words, left) => {
    const text = capMessage(cap, 20_000, 3000);
    expect(text).toContain(words);
    expect(text).toContain(left);
    expect(text).toContain("£200.00");
  });

  it.each(["perClient", "perWorkerMonthly", "teamMonthly"] as const)("%s says plainly when nothing is left", (cap) => {
    const text = capMessage(cap, 20_000, 0);
    expect(text).not.toContain("£0.00");
    expect(text).toContain("£200.00");
    expect(text).toMatch(/used all|reached the limit/);
  });

  it("uses the scheme's currency", () => {
    expect(capMessage("teamMonthly", 20_000, 3000, "EUR")).toContain("€30.00");
  });

  it("every message is a full sentence", () => {
    for (const cap of CAP_ORDER) {
      for (const left of [0, 100]) expect(capMessage(cap, 5000, left)).toMatch(/^[A-Z].*\.$/);
    }
  });
});

describe("rollingWindowPeak", () => {
  const s = (spentOn: string, amount: number) => ({ spentOn, amount });
  it("sums the window ending on the spend", () => {
    expect(rollingWindowPeak([s("2026-03-01", 500), s("2026-03-20", 300)], "2026-03-25", 30, 100)).toBe(900);
  });
  it("leaves out spends older than the window", () => {
    expect(rollingWindowPeak([s("2026-01-01", 500)], "2026-03-25", 30, 100)).toBe(100);
  });
  it("counts a later window that a backdated spend falls into", () => {
    // Window 2026-03-10..2026-04-08 holds the backdated spend and both later ones.
    expect(rollingWindowPeak([s("2026-04-01", 400), s("2026-04-08", 400), s("2026-02-01", 999)], "2026-03-10", 30, 100)).toBe(900);
  });
  it("treats the window as inclusive of both ends", () => {
    expect(rollingWindowPeak([s("2026-03-01", 500)], "2026-03-30", 30, 100)).toBe(600);
    expect(rollingWindowPeak([s("2026-03-01", 500)], "2026-03-31", 30, 100)).toBe(100);
  });
});
