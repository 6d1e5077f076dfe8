export const ROLES = ["worker", "supervisor", "auditor", "finance", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * The roles that belong to a team: they log spends against its budgets, and their justifications
 * are reviewed and paused within it. The others (auditor, finance, admin) see across teams.
 */
export const TEAM_ROLES = ["worker", "supervisor"] as const satisfies readonly Role[];

export function isTeamRole(role: Role): boolean {
  return (TEAM_ROLES as readonly Role[]).includes(role);
}
