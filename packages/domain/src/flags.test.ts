import { describe, expect, it } from "vitest";
import { computeFlags, FLAG_DESCRIPTIONS, FLAGS, flagsAsBooked, normalisePayee, percentile, type FlagInput } from "./flags.ts";

const range = (n: number, f: (i: number) => number = (i) => i + 1) => Array.from({ length: n }, (_, i) => f(i));

/** A spend that raises no flag at all; each test changes one thing. */
function input(overrides: Partial<FlagInput> = {}, spend: Partial<FlagInput["spend"]> = {}): FlagInput {
  return {
    spend: { amount: 1000, clientId: "c-1", payee: "Go North East", spentOn: "2026-03-10", workerId: "w-1", ...spend },
    loggedOn: "2026-03-10",
    perSpendCap: 5000,
    recentSameWorkerClientPayee: [],
    sameClientAmountPayeeDate: 0,
    teamCategoryAmounts90d: [],
    payeeSeenInTeam: true,
    ...overrides,
  };
}

describe("percentile (nearest rank)", () => {
  it("takes the value at rank ceil(p × n)", () => {
    expect(percentile(range(20), 0.95)).toBe(19);
    expect(percentile(range(19), 0.95)).toBe(19);
    expect(percentile(range(21), 0.95)).toBe(20);
    expect(percentile(range(100), 0.95)).toBe(95);
    expect(percentile(range(101), 0.95)).toBe(96);
    expect(percentile(range(10), 0.5)).toBe(5);
    expect(percentile(range(11), 0.5)).toBe(6);
  });

  it("ignores input order and does not change the input", () => {
    const values = [50, 10, 40, 20, 30];
    expect(percentile(values, 0.6)).toBe(30);
    expect(values).toEqual([50, 10, 40, 20, 30]);
  });

  it("sorts numerically, not as text", () => {
    expect(percentile([9, 10, 100, 2], 1)).toBe(100);
    expect(percentile([9, 10, 100, 2], 0.25)).toBe(2);
  });

  it("handles ties and all-equal values", () => {
    expect(percentile([5, 5, 5, 5], 0.95)).toBe(5);
    expect(percentile([1, 2, 2, 2, 3], 0.5)).toBe(2);
    expect(percentile([...range(18, () => 100), 200, 200], 0.95)).toBe(200);
    expect(percentile([...range(19, () => 100), 200], 0.95)).toBe(100);
  });

  it("has sensible ends", () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 1)).toBe(9);
    expect(percentile([42], 0.95)).toBe(42);
    expect(percentile(range(20), 0.9)).toBe(18);
    expect(percentile(range(20), 0.951)).toBe(20);
  });

  it("is not pushed up a rank by floating-point error", () => {
    // 0.07 * 100 === 7.000000000000001 in floating point; the rank is still 7.
    expect(percentile(range(100), 0.07)).toBe(7);
    expect(percentile(range(100), 0.071)).toBe(8);
  });

  it("refuses no values and p outside [0, 1]", () => {
    expect(() => percentile([], 0.5)).toThrow(RangeError);
    expect(() => percentile([1], -0.1)).toThrow(RangeError);
    expect(() => percentile([1], 1.1)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("normalisePayee", () => {
  it("ignores case and whitespace", () => {
    expect(normalisePayee("  Tesco   Extra ")).toBe("tescoextra");
    expect(normalisePayee("TESCO EXTRA")).toBe(normalisePayee("tesco\textra"));
    expect(normalisePayee("Tesco\u00a0Extra")).toBe("tescoextra");
    expect(normalisePayee("ＴＥＳＣＯ")).toBe("tesco");
  });

  it("keeps payees that really differ apart", () => {
    expect(normalisePayee("Tesco")).not.toBe(normalisePayee("Tesco Extra"));
    expect(normalisePayee("B&Q")).not.toBe(normalisePayee("BQ"));
  });
});

describe("computeFlags", () => {
  it("raises nothing for an ordinary spend", () => {
    expect(computeFlags(input())).toEqual([]);
  });

  describe("near_cap", () => {
    it.each([
      [4499, false],
      [4500, true],
      [5000, true],
    ])("amount %i of a 5000 cap → %s", (amount, expected) => {
      expect(computeFlags(input({}, { amount })).includes("near_cap")).toBe(expected);
    });

    it("uses exact integer maths (90% of 1001 is 900.9)", () => {
      expect(computeFlags(input({ perSpendCap: 1001 }, { amount: 900 }))).not.toContain("near_cap");
      expect(computeFlags(input({ perSpendCap: 1001 }, { amount: 901 }))).toContain("near_cap");
    });

    it("needs a cap", () => {
      expect(computeFlags(input({ perSpendCap: null }, { amount: 1_000_000 }))).toEqual([]);
    });
  });

  describe("split_pattern", () => {
    const cap = 5000;

    it("catches two spends within 7 days that together pass the cap", () => {
      const flags = computeFlags(
        input({ perSpendCap: cap, recentSameWorkerClientPayee: [{ amount: 3000, spentOn: "2026-03-05" }] }, { amount: 2500 }),
      );
      expect(flags).toContain("split_pattern");
    });

    it("counts spends up to 7 days either side, not 8", () => {
      const make = (spentOn: string) =>
        computeFlags(input({ perSpendCap: cap, recentSameWorkerClientPayee: [{ amount: 3000, spentOn }] }, { amount: 2500 }));
      expect(make("2026-03-03")).toContain("split_pattern");
      expect(make("2026-03-17")).toContain("split_pattern");
      expect(make("2026-03-02")).not.toContain("split_pattern");
      expect(make("2026-03-18")).not.toContain("split_pattern");
    });

    it("needs the total to be over the cap, not equal to it", () => {
      const make = (amount: number) =>
        computeFlags(input({ perSpendCap: cap, recentSameWorkerClientPayee: [{ amount: 2500, spentOn: "2026-03-09" }] }, { amount }));
      expect(make(2500)).not.toContain("split_pattern");
      expect(make(2501)).toContain("split_pattern");
    });

    it("adds up several small spends", () => {
      const recent = [
        { amount: 1500, spentOn: "2026-03-08" },
        { amount: 1500, spentOn: "2026-03-09" },
        { amount: 1500, spentOn: "2026-03-11" },
        { amount: 9000, spentOn: "2026-01-01" },
      ];
      expect(computeFlags(input({ perSpendCap: cap, recentSameWorkerClientPayee: recent }, { amount: 600 }))).toContain(
        "split_pattern",
      );
      expect(computeFlags(input({ perSpendCap: cap, recentSameWorkerClientPayee: recent }, { amount: 500 }))).not.toContain(
        "split_pattern",
      );
    });

    it("is not raised by a single spend or without a cap", () => {
      expect(computeFlags(input({ perSpendCap: 100 }, { amount: 200 }))).not.toContain("split_pattern");
      expect(
        computeFlags(input({ perSpendCap: null, recentSameWorkerClientPayee: [{ amount: 9000, spentOn: "2026-03-10" }] })),
      ).toEqual([]);
    });
  });

  it("possible_duplicate when another spend matches client, amount, payee and date", () => {
    expect(computeFlags(input({ sameClientAmountPayeeDate: 1 }))).toEqual(["possible_duplicate"]);
    expect(computeFlags(input({ sameClientAmountPayeeDate: 3 }))).toEqual(["possible_duplicate"]);
    expect(computeFlags(input({ sameClientAmountPayeeDate: 0 }))).toEqual([]);
  });

  it.each([
    ["2026-03-17", false],
    ["2026-03-18", true],
    ["2026-04-30", true],
    ["2026-03-10", false],
  ])("late_logged: spent 2026-03-10, logged %s → %s", (loggedOn, expected) => {
    expect(computeFlags(input({ loggedOn })).includes("late_logged")).toBe(expected);
  });

  it("late_logged counts calendar days across a month end", () => {
    expect(computeFlags(input({ loggedOn: "2026-02-08" }, { spentOn: "2026-01-31" }))).toEqual(["late_logged"]);
    expect(computeFlags(input({ loggedOn: "2026-02-07" }, { spentOn: "2026-01-31" }))).toEqual([]);
  });

  describe("above_team_normal", () => {
    const twenty = range(20, (i) => (i + 1) * 100); // 100 … 2000; the 95th percentile is 1900

    it("flags amounts at or above the team's 95th percentile", () => {
      expect(computeFlags(input({ teamCategoryAmounts90d: twenty }, { amount: 1900 }))).toContain("above_team_normal");
      expect(computeFlags(input({ teamCategoryAmounts90d: twenty }, { amount: 1899 }))).not.toContain("above_team_normal");
    });

    it("waits for 20 team spends before judging", () => {
      const nineteen = twenty.slice(0, 19);
      expect(computeFlags(input({ teamCategoryAmounts90d: nineteen }, { amount: 4000 }))).not.toContain("above_team_normal");
      expect(computeFlags(input({ teamCategoryAmounts90d: [...nineteen, 100] }, { amount: 4000 }))).toContain(
        "above_team_normal",
      );
    });

    it("with all amounts equal, matching them counts as at the percentile", () => {
      const same = range(25, () => 500);
      expect(computeFlags(input({ teamCategoryAmounts90d: same }, { amount: 500 }))).toContain("above_team_normal");
      expect(computeFlags(input({ teamCategoryAmounts90d: same }, { amount: 499 }))).not.toContain("above_team_normal");
    });
  });

  it("new_payee when the team has not paid this payee before", () => {
    expect(computeFlags(input({ payeeSeenInTeam: false }))).toEqual(["new_payee"]);
  });

  it("reports several flags in a fixed order", () => {
    const flags = computeFlags(
      input(
        {
          loggedOn: "2026-03-30",
          sameClientAmountPayeeDate: 1,
          payeeSeenInTeam: false,
          recentSameWorkerClientPayee: [{ amount: 4800, spentOn: "2026-03-10" }],
          teamCategoryAmounts90d: range(20, () => 100),
        },
        { amount: 4800 },
      ),
    );
    // booked_late is raised at booking, not from the spend (flagsAsBooked).
    expect(flags).toEqual(FLAGS.filter((flag) => flag !== "booked_late"));
  });

  it("refuses invalid dates instead of guessing", () => {
    expect(() => computeFlags(input({ loggedOn: "2026-02-30" }))).toThrow(RangeError);
  });
});

describe("FLAG_DESCRIPTIONS", () => {
  it("explains every flag in a sentence", () => {
    expect(Object.keys(FLAG_DESCRIPTIONS).sort()).toEqual([...FLAGS].sort());
    for (const text of Object.values(FLAG_DESCRIPTIONS)) expect(text).toMatch(/^[A-Z].{10,}\.$/);
  });
});

describe("flagsAsBooked", () => {
  it("adds booked_late, in its place in FLAGS, only when the spend was booked into a later month", () => {
    expect(flagsAsBooked(["near_cap", "new_payee"], "2026-02", "2026-03")).toEqual(["near_cap", "booked_late", "new_payee"]);
    expect(flagsAsBooked(["near_cap", "new_payee"], "2026-03", "2026-03")).toEqual(["near_cap", "new_payee"]);
    expect(flagsAsBooked([], "2026-02", "2026-03")).toEqual(["booked_late"]);
  });
});
