// Admin: every client, adding one to a team, and moving one between teams.
import { z } from "zod/mini";
import { type ClientView, clientListSchema, clientViewSchema } from "@greentape/contract/clients";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

export { type TeamOption, useTeams as useTeamOptions } from "../../lib/team-options.ts";

const clientsSchema = z.pipe(clientListSchema, z.transform((answer) => answer.items));

/** The most the API lists at once. */
export const CLIENT_LIST_LIMIT = 500;

export function useClients(search: string) {
  const q = search.trim();
  return useApiData(`/api/clients?limit=${CLIENT_LIST_LIMIT}${q ? `&q=${encodeURIComponent(q)}` : ""}`, clientsSchema);
}

export async function createClient(input: { reference: string; displayName?: string; teamId: string }): Promise<ClientView> {
  return clientViewSchema.parse(await apiPost<unknown>("/api/clients", input));
}

export async function moveClient(id: string, teamId: string): Promise<ClientView> {
  return clientViewSchema.parse(await apiPut<unknown>(`/api/clients/${encodeURIComponent(id)}/team`, { teamId }));
}

/** ClientView references: letters, digits and hyphens, like C-10234 (the API's rule). */
export function referenceProblem(reference: string): string | null {
  if (reference === "") return "Enter the client's reference, like C-10234";
  if (reference.length > 40) return "The reference must be 40 characters or fewer";
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(reference)) return "The reference must be letters, digits and hyphens, like C-10234";
  return null;
}
