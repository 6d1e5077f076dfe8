import { describe, expect, it } from "vitest";
import { canRestrict, canSeeRestrictions, type Actor } from "./permissions.ts";
import { describeRestriction, inForce, isInForce, lowerCaps, restrictionInputSchema, type RestrictionTerms } from "./restrictions.ts";

function terms(overrides: Partial<RestrictionTerms>): RestrictionTerms {
  return { kind: "suspend", reason: "Misuse found at audit", untilOn: null, perSpendCap: null, perWorkerMonthlyCap: null, liftedAt: null, ...overrides };
}

describe("a restriction in force", () => {
  it("holds through its last day and not after, and never once lifted", () => {
    expect(isInForce(terms({ untilOn: "2026-03-10" }), "2026-03-10")).toBe(true);
    expect(isInForce(terms({ untilOn: "2026-03-10" }), "2026-03-11")).toBe(false);
    expect(isInForce(terms({}), "2099-01-01")).toBe(true);
    expect(isInForce(terms({ liftedAt: new Date("2026-03-01T00:00:00Z") }), "2026-03-01")).toBe(false);
  });

  it("takes the strictest of several: the lowest cap of each kind, and a suspension over any cap", () => {
    const result = inForce(
      [
        terms({ kind: "lower_caps", perSpendCap: 5_000, perWorkerMonthlyCap: null }),
        terms({ kind: "lower_caps", perSpendCap: 2_000, perWorkerMonthlyCap: 30_000 }),
        terms({ kind: "lower_caps", perSpendCap: 100, untilOn: "2026-03-01" }),
        terms({ kind: "suspend", untilOn: "2026-04-01" }),
        terms({ kind: "suspend", untilOn: "2026-05-01" }),
      ],
      "2026-03-10",
    );
    expect(result.perSpendCap).toBe(2_000);
    expect(result.perWorkerMonthlyCap).toBe(30_000);
    expect(result.suspension?.untilOn).toBe("2026-05-01");
    expect(result.restrictions).toHaveLength(4);
    expect(inForce([terms({ kind: "suspend", untilOn: "2026-05-01" }), terms({ kind: "suspend" })], "2026-03-10").suspension?.untilOn).toBeNull();
    expect(inForce([], "2026-03-10")).toEqual({ suspension: null, perSpendCap: null, perWorkerMonthlyCap: null, restrictions: [] });
  });

  it("lowers a scheme's cap only where the lowered one is smaller, and caps an uncapped scheme", () => {
    const scheme = { name: "Scheme", perSpendCap: 7_500, perWorkerMonthlyCap: null, teamMonthlyBudget: 300_000 };
    expect(lowerCaps(scheme, { perSpendCap: 2_000, perWorkerMonthlyCap: 10_000 })).toEqual({ ...scheme, perSpendCap: 2_000, perWorkerMonthlyCap: 10_000 });
    expect(lowerCaps(scheme, { perSpendCap: 9_000, perWorkerMonthlyCap: null })).toEqual(scheme);
  });
});

describe("a restriction in words", () => {
  it("says what it does and until when", () => {
    expect(describeRestriction(terms({ untilOn: "2026-04-01" }))).toBe("New spends are suspended until the end of 2026-04-01.");
    expect(describeRestriction(terms({ kind: "lower_caps", perSpendCap: 2_000, perWorkerMonthlyCap: 10_000 }))).toBe("Caps are lowered to at most £20.00 a spend and £100.00 a month until it is lifted.");
    expect(describeRestriction(terms({ kind: "lower_caps", perWorkerMonthlyCap: 10_050 }))).toBe("Caps are lowered to at most £100.50 a month until it is lifted.");
  });
});

describe("the restriction input", () => {
  const parse = (body: unknown) => restrictionInputSchema.safeParse(body);
  const paths = (body: unknown) => parse(body).error?.issues.map((i) => i.path.join("."));

  it("takes a suspension with a reason, and lowered caps with at least one cap", () => {
    expect(parse({ kind: "suspend", reason: "Misuse found at audit", until: "2026-04-01" }).success).toBe(true);
    expect(parse({ kind: "lower_caps", reason: "Misuse found at audit", perWorkerMonthlyCap: 10_000 }).success).toBe(true);
  });

  it("names the field that is wrong", () => {
    expect(paths({ kind: "suspend", reason: "short" })).toEqual(["reason"]);
    expect(paths({ kind: "suspend", reason: "x".repeat(1001) })).toEqual(["reason"]);
    expect(paths({ kind: "lower_caps", reason: "Misuse found at audit" })).toEqual(["perSpendCap"]);
    expect(paths({ kind: "suspend", reason: "Misuse found at audit", perSpendCap: 100 })).toEqual(["kind"]);
    expect(paths({ kind: "lower_caps", reason: "Misuse found at audit", perSpendCap: 0 })).toEqual(["perSpendCap"]);
    expect(paths({ kind: "ban", reason: "Misuse found at audit" })).toEqual(["kind"]);
    expect(paths({ kind: "suspend", reason: "Misuse found at audit", until: "2026-02-30" })).toEqual(["until"]);
  });
});

describe("who may restrict", () => {
  const person = (role: Actor["role"], id: string, teamId: string | null = "team-a"): Actor => ({ id, role, teamId });
  const worker = person("worker", "w1");

  it("a supervisor: their own team's members, never themselves or another team's", () => {
    const supervisor = person("supervisor", "s1");
    expect(canRestrict(supervisor, worker)).toBe(true);
    expect(canRestrict(supervisor, supervisor)).toBe(false);
    expect(canRestrict(supervisor, person("worker", "w2", "team-b"))).toBe(false);
  });

  it("an admin: anyone who spends; nobody else may, and nobody restricts a role that does not spend", () => {
    expect(canRestrict(person("admin", "a1", null), worker)).toBe(true);
    expect(canRestrict(person("admin", "a1", null), person("auditor", "x", null))).toBe(false);
    for (const role of ["worker", "auditor", "finance"] as const) expect(canRestrict(person(role, "o1"), worker)).toBe(false);
  });

  it("restrictions are seen by the person, their team's supervisor, auditors and admins only", () => {
    expect(canSeeRestrictions(worker, worker)).toBe(true);
    expect(canSeeRestrictions(person("supervisor", "s1"), worker)).toBe(true);
    expect(canSeeRestrictions(person("supervisor", "s2", "team-b"), worker)).toBe(false);
    expect(canSeeRestrictions(person("worker", "w2"), worker)).toBe(false);
    expect(canSeeRestrictions(person("finance", "f1", null), worker)).toBe(false);
    expect(canSeeRestrictions(person("auditor", "u1", null), worker)).toBe(true);
  });
});
