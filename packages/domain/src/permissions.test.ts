import { describe, expect, it } from "vitest";
import {
  canAddReceipt,
  canAdminister,
  canClosePeriod,
  canComment,
  canDrawSample,
  canExport,
  canJustify,
  canLogSpend,
  canOverseeTeam,
  canRecordFinding,
  canRecordFollowUp,
  canReview,
  canSeeLoggedEvent,
  canSeeInsights,
  canSeeReviewerNotes,
  canSeeSpend,
  canSeeTeamInsights,
  canSeeTrackRecord,
  canSetEqualityMonitoring,
  insightsTeamScope,
  canVoid,
  canWriteReviewerNote,
  WORKER_VOID_WINDOW_MS,
  type Actor,
  type SpendAccess,
} from "./permissions.ts";
import { ROLES, type Role } from "./roles.ts";

const NOW = new Date("2026-03-10T12:00:00Z");
const HOUR = 60 * 60 * 1000;

function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  return { id: `${role}-1`, role, teamId: "team-a", ...overrides };
}

type Relation = "own" | "colleague" | "otherTeam";
const RELATIONS: Relation[] = ["own", "colleague", "otherTeam"];

/** A fresh, unvoided spend standing in `relation` to `who`. */
function spendFor(who: Actor, relation: Relation, overrides: Partial<SpendAccess> = {}): SpendAccess {
  const base = { createdAt: new Date(NOW.getTime() - HOUR), voided: false };
  switch (relation) {
    case "own":
      return { ...base, workerId: who.id, teamId: "team-a", ...overrides };
    case "colleague":
      return { ...base, workerId: "worker-colleague", teamId: "team-a", ...overrides };
    case "otherTeam":
      return { ...base, workerId: "worker-elsewhere", teamId: "team-b", ...overrides };
  }
}

type SpendAction = (a: Actor, s: SpendAccess) => boolean;

const SPEND_ACTIONS: Record<string, SpendAction> = {
  canSeeSpend,
  canVoid: (a, s) => canVoid(a, s, NOW),
  canJustify,
  canAddReceipt,
  canReview,
  canRecordFollowUp,
  canComment,
  canRecordFinding,
  canWriteReviewerNote,
  canSeeReviewerNotes,
};

// Expected answers: one letter per relation, in the order own, colleague (same team), other team.
const SPEND_MATRIX: Record<string, Record<Role, string>> = {
  canSeeSpend: { worker: "YNN", supervisor: "YYN", auditor: "YYY", finance: "YYY", admin: "YYY" },
  canVoid: { worker: "YNN", supervisor: "YNN", auditor: "NNN", finance: "NNN", admin: "YYY" },
  canJustify: { worker: "YNN", supervisor: "YNN", auditor: "NNN", finance: "NNN", admin: "NNN" },
  canAddReceipt: { worker: "YNN", supervisor: "YNN", auditor: "NNN", finance: "NNN", admin: "NNN" },
  canReview: { worker: "NNN", supervisor: "NYN", auditor: "NNN", finance: "NNN", admin: "NNN" },
  canRecordFollowUp: { worker: "YNN", supervisor: "YYN", auditor: "NNN", finance: "NNN", admin: "NNN" },
  canComment: { worker: "YNN", supervisor: "YYN", auditor: "YYY", finance: "YYY", admin: "YYY" },
  canRecordFinding: { worker: "NNN", supervisor: "NNN", auditor: "NYY", finance: "NNN", admin: "NNN" },
  // Pure note rules: whether the spend may be seen at all is canSeeSpend's question.
  canWriteReviewerNote: { worker: "NNN", supervisor: "NYY", auditor: "NYY", finance: "NNN", admin: "NYY" },
  canSeeReviewerNotes: { worker: "NNN", supervisor: "NYY", auditor: "NYY", finance: "NNN", admin: "NYY" },
};

const ACTOR_ACTIONS: Record<string, (a: Actor) => boolean> = {
  canLogSpend,
  canDrawSample,
  canExport,
  canClosePeriod,
  canAdminister,
  canSeeInsights,
};

const ACTOR_MATRIX: Record<string, Role[]> = {
  canLogSpend: ["worker", "supervisor"],
  canDrawSample: ["auditor"],
  canExport: ["finance", "auditor"],
  canClosePeriod: ["finance"],
  canAdminister: ["admin"],
  canSeeInsights: ["supervisor", "auditor", "finance", "admin"],
};

describe("the matrices cover everything", () => {
  it("lists every role and every exported action", () => {
    expect([...ROLES].sort()).toEqual(["admin", "auditor", "finance", "supervisor", "worker"]);
    expect(Object.keys(SPEND_MATRIX).sort()).toEqual(Object.keys(SPEND_ACTIONS).sort());
    expect(Object.keys(ACTOR_MATRIX).sort()).toEqual(Object.keys(ACTOR_ACTIONS).sort());
  });
});

describe("role × spend action × relation", () => {
  const cases = Object.keys(SPEND_ACTIONS).flatMap((action) =>
    ROLES.flatMap((role) => RELATIONS.map((relation, i) => [action, role, relation, SPEND_MATRIX[action]?.[role][i] === "Y"] as const)),
  );

  it("has one case per cell", () => {
    expect(cases).toHaveLength(10 * 5 * 3);
  });

  it.each(cases)("%s: %s on a spend that is %s → %s", (action, role, relation, expected) => {
    const who = actor(role);
    expect(SPEND_ACTIONS[action]?.(who, spendFor(who, relation))).toBe(expected);
  });
});

describe("role × actor action", () => {
  const cases = Object.keys(ACTOR_ACTIONS).flatMap((action) =>
    ROLES.map((role) => [action, role, ACTOR_MATRIX[action]?.includes(role) ?? false] as const),
  );

  it.each(cases)("%s: %s → %s", (action, role, expected) => {
    expect(ACTOR_ACTIONS[action]?.(actor(role))).toBe(expected);
  });
});

describe("nobody reviews or audits their own spend", () => {
  it("a supervisor cannot review a spend they logged, though a fellow supervisor can", () => {
    const sup = actor("supervisor", { id: "sup-1" });
    const other = actor("supervisor", { id: "sup-2" });
    const spend = spendFor(sup, "own");
    expect(canSeeSpend(sup, spend)).toBe(true);
    expect(canReview(sup, spend)).toBe(false);
    expect(canReview(other, spend)).toBe(true);
  });

  it.each(ROLES)("%s can never review a spend whose worker is themselves", (role) => {
    const who = actor(role);
    expect(canReview(who, spendFor(who, "own"))).toBe(false);
    expect(canRecordFinding(who, spendFor(who, "own"))).toBe(false);
  });
});

describe("overseeing a team", () => {
  // One letter per team, in the order the actor's own team, another team.
  const MATRIX: Record<Role, string> = { worker: "NN", supervisor: "YN", auditor: "YY", finance: "NN", admin: "YY" };
  it.each(ROLES.flatMap((role) => (["team-a", "team-b"] as const).map((team, i) => [role, team, MATRIX[role][i] === "Y"] as const)))(
    "%s overseeing %s → %s",
    (role, team, expected) => {
      expect(canOverseeTeam(actor(role), team)).toBe(expected);
    },
  );

  it("a supervisor with no team oversees none", () => {
    expect(canOverseeTeam(actor("supervisor", { teamId: null }), "team-a")).toBe(false);
  });
});

describe("logged events about reviewer-only notes", () => {
  const cases = ROLES.flatMap((role) => RELATIONS.map((relation) => [role, relation] as const));
  it.each(cases)("%s sees a logged reviewer note on a spend that is %s only if they may see its notes", (role, relation) => {
    const who = actor(role);
    const spend = spendFor(who, relation);
    expect(canSeeLoggedEvent(who, spend, { data: { visibility: "reviewers" } })).toBe(canSeeReviewerNotes(who, spend));
    expect(canSeeLoggedEvent(who, spend, { data: { visibility: "worker" } })).toBe(true);
    expect(canSeeLoggedEvent(who, spend, { data: null })).toBe(true);
  });

  it.each(["supervisor", "auditor", "admin"] as Role[])("a %s never sees the notes on their own spend", (role) => {
    const who = actor(role);
    expect(canSeeReviewerNotes(who, spendFor(who, "own"))).toBe(false);
    expect(canSeeLoggedEvent(who, spendFor(who, "own"), { data: { visibility: "reviewers" } })).toBe(false);
  });
});

describe("canVoid timing", () => {
  const worker = actor("worker");

  it.each([
    [0, true],
    [23 * HOUR, true],
    [WORKER_VOID_WINDOW_MS - 1, true],
    [WORKER_VOID_WINDOW_MS, false],
    [WORKER_VOID_WINDOW_MS + 1, false],
    [30 * 24 * HOUR, false],
    [-5 * 60 * 1000, true],
  ])("its worker %i ms after logging → %s", (age, expected) => {
    const spend = spendFor(worker, "own", { createdAt: new Date(NOW.getTime() - age) });
    expect(canVoid(worker, spend, NOW)).toBe(expected);
  });

  it("an admin may void at any age", () => {
    const admin = actor("admin");
    const old = spendFor(admin, "otherTeam", { createdAt: new Date("2024-01-01T00:00:00Z") });
    expect(canVoid(admin, old, NOW)).toBe(true);
  });

  it.each(ROLES)("nobody, %s included, voids a spend twice", (role) => {
    const who = actor(role);
    expect(canVoid(who, spendFor(who, "own", { voided: true }), NOW)).toBe(false);
  });
});

describe("a voided spend", () => {
  const worker = actor("worker");
  const supervisor = actor("supervisor");
  const voided = spendFor(worker, "own", { voided: true });

  it("freezes its tracks", () => {
    expect(canJustify(worker, voided)).toBe(false);
    expect(canRecordFollowUp(worker, voided)).toBe(false);
    expect(canRecordFollowUp(supervisor, voided)).toBe(false);
    expect(canReview(supervisor, voided)).toBe(false);
  });

  it("can still be seen, commented on and evidenced", () => {
    expect(canSeeSpend(worker, voided)).toBe(true);
    expect(canSeeSpend(supervisor, voided)).toBe(true);
    expect(canComment(worker, voided)).toBe(true);
    expect(canAddReceipt(worker, voided)).toBe(true);
  });
});

describe("teams", () => {
  it("someone without a team cannot log a spend or supervise one", () => {
    expect(canLogSpend(actor("worker", { teamId: null }))).toBe(false);
    expect(canLogSpend(actor("supervisor", { teamId: null }))).toBe(false);
    const loose = actor("supervisor", { teamId: null });
    const spend = spendFor(actor("worker"), "colleague");
    expect(canSeeSpend(loose, spend)).toBe(false);
    expect(canReview(loose, spend)).toBe(false);
  });

  it("a worker who moved team still sees their own spend, and their new supervisor does not", () => {
    const moved = actor("worker", { teamId: "team-b" });
    const spend = spendFor(moved, "own", { teamId: "team-a" });
    expect(canSeeSpend(moved, spend)).toBe(true);
    expect(canSeeSpend(actor("supervisor", { teamId: "team-b" }), spend)).toBe(false);
    expect(canSeeSpend(actor("supervisor", { teamId: "team-a" }), spend)).toBe(true);
  });

  it("a worker never sees a colleague's spend, even in the same team", () => {
    const worker = actor("worker", { id: "w-1" });
    const colleagueSpend = spendFor(actor("worker", { id: "w-2" }), "own");
    expect(colleagueSpend.teamId).toBe(worker.teamId);
    expect(canSeeSpend(worker, colleagueSpend)).toBe(false);
    expect(canComment(worker, colleagueSpend)).toBe(false);
  });
});

describe("what it achieved: supervisors their own team, auditor, finance and admin every team", () => {
  it("a supervisor sees their own team's figures only; the roles that see everything see any team", () => {
    const sup = actor("supervisor", { teamId: "team-a" });
    expect(canSeeTeamInsights(sup, "team-a")).toBe(true);
    expect(canSeeTeamInsights(sup, "team-b")).toBe(false);
    expect(canSeeTeamInsights(actor("supervisor", { teamId: null }), "team-a")).toBe(false);
    for (const role of ["auditor", "finance", "admin"] as const) expect(canSeeTeamInsights(actor(role, { teamId: null }), "team-b")).toBe(true);
    expect(canSeeTeamInsights(actor("worker"), "team-a")).toBe(false);
  });

  it("scopes a request: a supervisor to their own team, the others to the team asked for or all", () => {
    const sup = actor("supervisor", { teamId: "team-a" });
    expect(insightsTeamScope(sup, undefined)).toEqual({ allowed: true, teamId: "team-a" });
    expect(insightsTeamScope(sup, "team-a")).toEqual({ allowed: true, teamId: "team-a" });
    expect(insightsTeamScope(sup, "team-b")).toEqual({ allowed: false, teamId: null });
    expect(insightsTeamScope(actor("auditor", { teamId: null }), undefined)).toEqual({ allowed: true, teamId: null });
    expect(insightsTeamScope(actor("finance", { teamId: null }), "team-b")).toEqual({ allowed: true, teamId: "team-b" });
    expect(insightsTeamScope(actor("worker"), "team-a")).toEqual({ allowed: false, teamId: null });
  });

  it("equality-monitoring answers are set by an admin or the client's own team, never auditors or finance", () => {
    const client = { teamId: "team-a" };
    expect(canSetEqualityMonitoring(actor("admin", { teamId: null }), client)).toBe(true);
    expect(canSetEqualityMonitoring(actor("worker"), client)).toBe(true);
    expect(canSetEqualityMonitoring(actor("supervisor"), client)).toBe(true);
    expect(canSetEqualityMonitoring(actor("worker", { teamId: "team-b" }), client)).toBe(false);
    expect(canSetEqualityMonitoring(actor("supervisor", { teamId: "team-b" }), client)).toBe(false);
    expect(canSetEqualityMonitoring(actor("auditor", { teamId: null }), client)).toBe(false);
    expect(canSetEqualityMonitoring(actor("finance", { teamId: null }), client)).toBe(false);
  });
});

describe("a worker's track record", () => {
  const worker = { id: "worker-1", teamId: "team-a" };

  it("is shown to the worker themselves", () => {
    expect(canSeeTrackRecord(actor("worker"), worker)).toBe(true);
  });

  it("is shown to a supervisor of their team, not of another", () => {
    expect(canSeeTrackRecord(actor("supervisor"), worker)).toBe(true);
    expect(canSeeTrackRecord(actor("supervisor", { teamId: "team-b" }), worker)).toBe(false);
    expect(canSeeTrackRecord(actor("supervisor", { teamId: null }), { id: "worker-1", teamId: null })).toBe(false);
  });

  it.each(["worker", "auditor", "finance", "admin"] as const)("is not shown to another %s", (role) => {
    expect(canSeeTrackRecord(actor(role, { id: "someone-else" }), worker)).toBe(false);
  });
});
