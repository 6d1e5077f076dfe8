import { describe, expect, it } from "vitest";
import { canLogSpend } from "./permissions.ts";
import { ROLES, TEAM_ROLES, isTeamRole } from "./roles.ts";

describe("team roles", () => {
  it("are exactly the roles that log spends, which they do as members of a team", () => {
    const logsSpends = ROLES.filter((role) => canLogSpend({ id: "someone", role, teamId: "team-a" }));
    expect([...TEAM_ROLES].sort()).toEqual(logsSpends.sort());
    expect(TEAM_ROLES.some((role) => canLogSpend({ id: "someone", role, teamId: null }))).toBe(false);
  });

  it.each([
    ["worker", true],
    ["supervisor", true],
    ["auditor", false],
    ["finance", false],
    ["admin", false],
  ] as const)("%s → %s", (role, member) => {
    expect(isTeamRole(role)).toBe(member);
  });
});
