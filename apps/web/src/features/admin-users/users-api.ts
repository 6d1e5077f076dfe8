// Admin: users, their roles and teams, deactivation and one-time temporary passwords.
import { z } from "zod/mini";
import type { Role } from "@greentape/domain/roles";
import { type UserAdminView, userListSchema, userWithPasswordSchema } from "@greentape/contract/users";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

export type User = UserAdminView;
export { type TeamOption, useTeams as useTeamOptions } from "../../lib/team-options.ts";

const usersSchema = z.pipe(userListSchema, z.transform((answer) => answer.items));

/** Roles that act for one team: they must have one. */
export const TEAM_ROLES: readonly Role[] = ["worker", "supervisor"];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  worker: "Logs spends for the clients of their team, and justifies them afterwards.",
  supervisor: "Reads and responds to their team's justifications.",
  auditor: "Samples and reviews spends across all teams.",
  finance: "Closes months and downloads the exports.",
  admin: "Manages users, teams, clients, schemes and ledger codes.",
};

export function useUsers() {
  return useApiData("/api/users", usersSchema);
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  teamId?: string;
  staffId?: string;
  temporaryPassword?: string;
}

export interface UserChanges {
  name?: string;
  role?: Role;
  teamId?: string | null;
  staffId?: string | null;
  active?: boolean;
}

export interface WithTemporaryPassword {
  user: User;
  temporaryPassword: string;
}

/** The answer carries a generated password once; it is never fetched again. */
function withTemporaryPassword(answer: unknown, typed?: string): WithTemporaryPassword {
  const { temporaryPassword, ...user } = userWithPasswordSchema.parse(answer);
  return { user, temporaryPassword: temporaryPassword ?? typed ?? "" };
}

export async function createUser(input: NewUser): Promise<WithTemporaryPassword> {
  return withTemporaryPassword(await apiPost<unknown>("/api/users", input), input.temporaryPassword);
}

export function updateUser(id: string, changes: UserChanges): Promise<unknown> {
  return apiPut<unknown>(`/api/users/${encodeURIComponent(id)}`, changes);
}

export async function resetPassword(id: string): Promise<WithTemporaryPassword> {
  return withTemporaryPassword(await apiPost<unknown>(`/api/users/${encodeURIComponent(id)}/reset-password`));
}
