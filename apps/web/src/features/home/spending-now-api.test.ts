import { describe, expect, it } from "vitest";
import type { Allowance } from "@greentape/contract/allowance";
import { leftThisMonth } from "./spending-now-api.ts";

const cap = (limit: number | null, used: number) => ({ limit, used, remaining: limit === null ? null : limit - used });

function allowance(worker: ReturnType<typeof cap>, team: ReturnType<typeof cap>): Allowance {
  return {
    schemeId: "s",
    schemeVersion: 1,
    schemeName: "Everyday help",
    currency: "GBP",
    period: "2026-11",
    today: "2026-11-29",
    clientId: null,
    caps: { perSpend: cap(7_500, 0), perClient: cap(null, 0), perWorkerMonthly: worker, teamMonthly: team },
    maxSpend: null,
    suspended: false,
    restrictions: [],
  };
}

describe("leftThisMonth", () => {
  it("is the worker's own allowance when the team has more left", () => {
    expect(leftThisMonth(allowance(cap(60_000, 12_345), cap(300_000, 100_000)))).toBe(47_655);
  });

  it("is the team's budget left when that is smaller", () => {
    expect(leftThisMonth(allowance(cap(60_000, 0), cap(300_000, 299_001)))).toBe(999);
  });

  it("counts only the caps that are set, and is null when neither is", () => {
    expect(leftThisMonth(allowance(cap(null, 500), cap(300_000, 1_000)))).toBe(299_000);
    expect(leftThisMonth(allowance(cap(null, 500), cap(null, 1_000)))).toBeNull();
  });

  it("never goes below nothing, even if a cap was lowered under what is spent", () => {
    expect(leftThisMonth(allowance(cap(10_000, 12_000), cap(300_000, 0)))).toBe(0);
  });

  it("is nothing while the worker is suspended, whatever the caps say", () => {
    expect(leftThisMonth({ ...allowance(cap(60_000, 0), cap(null, 0)), suspended: true })).toBe(0);
  });
});
