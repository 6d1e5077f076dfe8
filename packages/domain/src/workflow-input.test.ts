import { describe, expect, it } from "vitest";
import { JUSTIFICATION_EVENTS } from "./tracks.ts";
import {
  commentInputSchema,
  followUpDateProblem,
  followUpInputSchema,
  justificationInputSchema,
  REVIEW_DECISION_EVENTS,
  REVIEW_DECISIONS,
  reviewInputSchema,
} from "./workflow-input.ts";

function failedPaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => i.path.join("."));
}

describe("justification input", () => {
  const ok = { narrative: "x".repeat(40), intendedOutcome: "Gets to the interview" };
  it("takes a narrative of 40 to 4,000 characters, trimmed", () => {
    expect(justificationInputSchema.safeParse(ok).success).toBe(true);
    expect(justificationInputSchema.safeParse({ ...ok, narrative: "y".repeat(4000) }).success).toBe(true);
    expect(failedPaths(justificationInputSchema.safeParse({ ...ok, narrative: ` ${"z".repeat(39)}   ` }))).toEqual(["narrative"]);
    expect(failedPaths(justificationInputSchema.safeParse({ ...ok, narrative: "y".repeat(4001) }))).toEqual(["narrative"]);
    expect(failedPaths(justificationInputSchema.safeParse({ ...ok, narrative: "" }))).toEqual(["narrative"]);
  });
  it("needs an intended outcome without control characters", () => {
    expect(failedPaths(justificationInputSchema.safeParse({ ...ok, intendedOutcome: "  " }))).toEqual(["intendedOutcome"]);
    expect(failedPaths(justificationInputSchema.safeParse({ ...ok, intendedOutcome: "a\u0000b" }))).toEqual(["intendedOutcome"]);
  });
});

describe("review input", () => {
  it("maps every decision to an event of the justification track", () => {
    for (const decision of REVIEW_DECISIONS) expect(JUSTIFICATION_EVENTS).toContain(REVIEW_DECISION_EVENTS[decision]);
  });
  it("an endorsement may come without a comment; a query or concern may not", () => {
    expect(reviewInputSchema.safeParse({ decision: "endorse" })).toMatchObject({ success: true, data: { comment: "" } });
    expect(failedPaths(reviewInputSchema.safeParse({ decision: "query" }))).toEqual(["comment"]);
    expect(failedPaths(reviewInputSchema.safeParse({ decision: "concern", comment: "   " }))).toEqual(["comment"]);
    expect(reviewInputSchema.safeParse({ decision: "query", comment: "Which bus route?" }).success).toBe(true);
  });
  it("refuses an unknown decision, naming it", () => {
    expect(failedPaths(reviewInputSchema.safeParse({ decision: "approve", comment: "fine" }))).toEqual(["decision"]);
  });
});

describe("follow-up input and its date", () => {
  const ok = { contactedOn: "2026-03-10", method: "phone", outcome: "helped_a_lot" };
  it("checks the date is real and the method and outcome are known", () => {
    expect(followUpInputSchema.safeParse(ok).success).toBe(true);
    expect(failedPaths(followUpInputSchema.safeParse({ ...ok, contactedOn: "2026-02-30" }))).toEqual(["contactedOn"]);
    expect(failedPaths(followUpInputSchema.safeParse({ ...ok, method: "pigeon" }))).toEqual(["method"]);
    expect(failedPaths(followUpInputSchema.safeParse({ ...ok, outcome: "fine" }))).toEqual(["outcome"]);
  });
  it("is not before the spend and not in the future; the spend day and today are fine", () => {
    expect(followUpDateProblem("2026-03-09", "2026-03-10", "2026-03-20")).toMatch(/before the spend/);
    expect(followUpDateProblem("2026-03-21", "2026-03-10", "2026-03-20")).toMatch(/future/);
    expect(followUpDateProblem("2026-03-10", "2026-03-10", "2026-03-20")).toBeNull();
    expect(followUpDateProblem("2026-03-20", "2026-03-10", "2026-03-20")).toBeNull();
  });
});

describe("comment input", () => {
  it("defaults to a comment the worker sees and knows only two visibilities", () => {
    expect(commentInputSchema.safeParse({ body: "Thanks" })).toMatchObject({ success: true, data: { visibility: "worker" } });
    expect(failedPaths(commentInputSchema.safeParse({ body: "x", visibility: "everyone" }))).toEqual(["visibility"]);
    expect(failedPaths(commentInputSchema.safeParse({ body: " " }))).toEqual(["body"]);
  });
});
