// Admin: schemes, their versions, creating one and changing one (which makes version N+1).
import { z } from "zod/mini";
import { type SchemeVersions, type SchemeView, schemeListSchema, schemeVersionsSchema, schemeViewSchema } from "@greentape/contract/schemes";
import { apiPost, apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";
import type { SchemePayload } from "./scheme-form.ts";

export type Scheme = SchemeView;
export type SchemeWithVersions = SchemeVersions;
export { type TeamOption, useTeams as useTeamOptions } from "../../lib/team-options.ts";

const schemesSchema = z.pipe(schemeListSchema, z.transform((answer) => answer.items));

export function useSchemes() {
  return useApiData("/api/schemes", schemesSchema);
}

/** A scheme as it is now, or as it was at `version`. */
export function useScheme(id: string, version?: number) {
  const query = version === undefined ? "" : `?version=${version}`;
  return useApiData(`/api/schemes/${encodeURIComponent(id)}${query}`, schemeVersionsSchema);
}

type SchemeBody = SchemePayload & { auditSettings?: Record<string, unknown> };

export async function createScheme(body: SchemeBody): Promise<Scheme> {
  return schemeViewSchema.parse(await apiPost<unknown>("/api/schemes", body));
}

export async function updateScheme(id: string, body: SchemeBody): Promise<Scheme> {
  return schemeViewSchema.parse(await apiPut<unknown>(`/api/schemes/${encodeURIComponent(id)}`, body));
}
