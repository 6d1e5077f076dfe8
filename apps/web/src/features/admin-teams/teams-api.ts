// Admin: teams (name, cost centre, service area) and who works in them.
import { z } from "zod";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const teamSchema = z.object({
  id: z.string(),
  name: z.string(),
  costCentre: z.string(),
  serviceArea: z.string(),
  supervisors: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export type Team = z.infer<typeof teamSchema>;

const teamListSchema = z.union([
  z.array(teamSchema),
  z.object({ items: z.array(teamSchema) }).transform((answer) => answer.items),
]);

const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  teamId: z.string().nullish(),
  active: z.boolean().optional(),
});

const memberListSchema = z.union([
  z.array(memberSchema),
  z.object({ items: z.array(memberSchema) }).transform((answer) => answer.items),
]);

export interface TeamInput {
  name: string;
  costCentre: string;
  serviceArea: string;
}

export function useTeams() {
  return useApiData("/api/teams", teamListSchema);
}

/** Everyone, to show each team's supervisors and members. */
export function useMembers() {
  return useApiData("/api/users", memberListSchema);
}

export function createTeam(input: TeamInput): Promise<Team> {
  return apiPost<Team>("/api/teams", input);
}

export function updateTeam(id: string, input: TeamInput): Promise<Team> {
  return apiPut<Team>(`/api/teams/${encodeURIComponent(id)}`, input);
}
