// Admin: users, their roles and teams, deactivation and one-time temporary passwords.
import { z } from "zod";
import { ROLES } from "@greentape/domain/roles";
import type { Role } from "@greentape/domain/roles";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  teamId: z.string().nullish(),
  teamName: z.string().nullish(),
  staffId: z.string().nullish(),
  active: z.boolean().default(true),
  mustChangePassword: z.boolean().optional(),
});
export type User = z.infer<typeof userSchema>;

const listOf = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), z.object({ items: z.array(item) }).transform((answer) => answer.items)]);

const userListSchema = listOf(userSchema);

const teamSchema = z.object({ id: z.string(), name: z.string() });
export type TeamOption = z.infer<typeof teamSchema>;
const teamListSchema = listOf(teamSchema);

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
  return useApiData("/api/users", userListSchema);
}

export function useTeamOptions() {
  return useApiData("/api/teams", teamListSchema);
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
  user: User | null;
  temporaryPassword: string;
}

/** The answer carries the password once; it is never fetched again. */
function readTemporaryPassword(answer: unknown): WithTemporaryPassword {
  const shape = z.object({ temporaryPassword: z.string().min(1), user: userSchema.optional() }).loose();
  const parsed = shape.parse(answer);
  const user = parsed.user ?? userSchema.safeParse(answer).data ?? null;
  return { user, temporaryPassword: parsed.temporaryPassword };
}

export async function createUser(input: NewUser): Promise<WithTemporaryPassword> {
  return readTemporaryPassword(await apiPost<unknown>("/api/users", input));
}

export function updateUser(id: string, changes: UserChanges): Promise<unknown> {
  return apiPut<unknown>(`/api/users/${encodeURIComponent(id)}`, changes);
}

export async function resetPassword(id: string): Promise<WithTemporaryPassword> {
  return readTemporaryPassword(await apiPost<unknown>(`/api/users/${encodeURIComponent(id)}/reset-password`));
}
