export const ROLES = ["worker", "supervisor", "auditor", "finance", "admin"] as const;
export type Role = (typeof ROLES)[number];
