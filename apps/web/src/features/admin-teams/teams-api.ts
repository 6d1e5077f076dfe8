// Admin: teams (name, cost centre, service area) and who works in them.
import { z } from "zod/mini";
import { type TeamView, teamViewSchema } from "@greentape/contract/teams";
import { userListSchema } from "@greentape/contract/users";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

export { useTeams } from "../../lib/team-options.ts";

const membersSchema = z.pipe(userListSchema, z.transform((answer) => answer.items));

export interface TeamInput {
  name: string;
  costCentre: string;
  serviceArea: string;
}

/** Everyone, to show each team's supervisors and members. */
export function useMembers() {
  return useApiData("/api/users", membersSchema);
}

export async function createTeam(input: TeamInput): Promise<TeamView> {
  return teamViewSchema.parse(await apiPost<unknown>("/api/teams", input));
}

export async function updateTeam(id: string, input: TeamInput): Promise<TeamView> {
  return teamViewSchema.parse(await apiPut<unknown>(`/api/teams/${encodeURIComponent(id)}`, input));
}
