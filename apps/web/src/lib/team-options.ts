// The teams, for the admin pages that put people, clients and schemes in them.
import { z } from "zod/mini";
import { teamListSchema, type TeamView } from "@greentape/contract/teams";
import { useApiData } from "./use-api-data.ts";

export type TeamOption = Pick<TeamView, "id" | "name">;

const teamsSchema = z.pipe(teamListSchema, z.transform((answer) => answer.items));

/** GET /api/teams, as a list. */
export function useTeams() {
  return useApiData("/api/teams", teamsSchema);
}
