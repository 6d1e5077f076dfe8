import { describe, expect, it } from "vitest";
import { JUSTIFICATION_STATES, OWED_JUSTIFICATION_STATES, justificationOverdue } from "./tracks.ts";
import { composeSample, overdueCutoff, recentFindingSince, RISK_REASONS, riskClassifier, stratumOf, type RiskFacts, type RiskReason } from "./risk-strata.ts";

const plain: RiskFacts = {
  amount: 1_000,
  flags: [],
  justificationStatus: "submitted",
  justificationDueOn: "2026-03-10",
  concernReview: false,
  receiptLost: false,
  topStratumAmount: null,
  recentFinding: false,
};

describe("riskClassifier", () => {
  const classify = riskClassifier({ today: "2026-03-31", overdueDays: 14 });

  it("finds nothing in an ordinary spend", () => {
    expect(classify(plain)).toEqual([]);
  });

  it("counts a concern whether it shows in the status or only in a review", () => {
    expect(classify({ ...plain, justificationStatus: "concern" })).toEqual(["concern"]);
    expect(classify({ ...plain, justificationStatus: "submitted", concernReview: true })).toEqual(["concern"]);
  });

  it("takes only the risk flags, not the ones that merely inform review", () => {
    expect(classify({ ...plain, flags: ["near_cap", "late_logged"] })).toEqual([]);
    expect(classify({ ...plain, flags: ["new_payee", "split_pattern", "above_team_normal", "possible_duplicate"] })).toEqual([
      "split_pattern",
      "possible_duplicate",
      "above_team_normal",
      "new_payee",
    ]);
  });

  it("puts amounts at or above the top stratum in, and below it out", () => {
    expect(classify({ ...plain, amount: 5_000, topStratumAmount: 5_000 })).toEqual(["top_stratum"]);
    expect(classify({ ...plain, amount: 4_999, topStratumAmount: 5_000 })).toEqual([]);
  });

  it("counts a justification overdue by more than the set days, not by exactly that many", () => {
    // Due 2026-03-17: 14 days overdue on 2026-03-31, so not more than 14.
    expect(classify({ ...plain, justificationStatus: "due", justificationDueOn: "2026-03-17" })).toEqual([]);
    expect(classify({ ...plain, justificationStatus: "due", justificationDueOn: "2026-03-16" })).toEqual(["justification_overdue"]);
    expect(classify({ ...plain, justificationStatus: "queried", justificationDueOn: "2026-03-01" })).toEqual(["justification_overdue"]);
    // Submitted is waiting on the supervisor, not late.
    expect(classify({ ...plain, justificationStatus: "submitted", justificationDueOn: "2026-03-01" })).toEqual([]);
  });

  it("lists every reason at once, in the fixed order", () => {
    const all = classify({
      amount: 9_000,
      flags: ["new_payee", "split_pattern", "possible_duplicate", "above_team_normal"],
      justificationStatus: "due",
      justificationDueOn: "2026-01-01",
      concernReview: true,
      receiptLost: true,
      topStratumAmount: 1,
      recentFinding: true,
    });
    expect(all).toEqual([...RISK_REASONS]);
  });

  it("puts a worker's spend in the recent-finding stratum for a year after a major or misuse finding", () => {
    expect(classify({ ...plain, recentFinding: true })).toEqual(["recent_finding"]);
    expect(recentFindingSince("2026-03-31")).toBe("2025-03-31");
    expect(recentFindingSince("2028-02-29")).toBe("2027-02-28");
  });

  it("names exactly the states justificationOverdue can call overdue (the API narrows its query by them)", () => {
    const lateable = JUSTIFICATION_STATES.filter((status) => justificationOverdue({ status, dueOn: "2026-01-01" }, "2026-03-31"));
    expect([...lateable].sort()).toEqual([...OWED_JUSTIFICATION_STATES].sort());
    expect(overdueCutoff({ today: "2026-03-31", overdueDays: 14 })).toBe("2026-03-17");
  });

  it("refuses a negative number of days", () => {
    expect(() => riskClassifier({ today: "2026-03-31", overdueDays: -1 })).toThrow(RangeError);
  });
});

describe("composeSample", () => {
  it("puts random picks first in draw order, then risk-only spends by id, numbering from 1", () => {
    const risky = new Map<string, RiskReason[]>([
      ["d", ["receipt_lost"]],
      ["b", ["concern", "split_pattern"]],
      ["c", []],
    ]);
    expect(composeSample(["z", "b"], risky)).toEqual([
      { spendId: "z", reasons: ["random"], stratum: "random", position: 1 },
      { spendId: "b", reasons: ["random", "concern", "split_pattern"], stratum: "random", position: 2 },
      { spendId: "d", reasons: ["receipt_lost"], stratum: "risk", position: 3 },
    ]);
  });

  it("refuses a random part that repeats a spend", () => {
    expect(() => composeSample(["a", "a"], new Map())).toThrow(RangeError);
  });

  it("tells the stratum back from the recorded reasons", () => {
    expect(stratumOf(["random", "concern"])).toBe("random");
    expect(stratumOf(["concern"])).toBe("risk");
  });
});
