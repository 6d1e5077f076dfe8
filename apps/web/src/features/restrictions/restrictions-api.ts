// A person's restrictions (API.md "Restrictions"): the individual response to misuse, set and
// lifted by an admin or the person's own supervisor.
import { z } from "zod";
import { restrictionViewSchema, type RestrictionInput, type RestrictionView } from "@greentape/domain/restrictions";
import { apiPost } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

export type Restriction = RestrictionView;

const restrictionListSchema = z.object({ items: z.array(restrictionViewSchema) });

/** Newest first, lifted and ended ones included. */
export function useRestrictions(userId: string) {
  return useApiData(`/api/users/${encodeURIComponent(userId)}/restrictions`, restrictionListSchema);
}

export function restrict(userId: string, input: RestrictionInput): Promise<Restriction> {
  return apiPost(`/api/users/${encodeURIComponent(userId)}/restrictions`, input).then((answer) => restrictionViewSchema.parse(answer));
}

export function liftRestriction(userId: string, restrictionId: string, reason: string): Promise<Restriction> {
  return apiPost(`/api/users/${encodeURIComponent(userId)}/restrictions/${encodeURIComponent(restrictionId)}/lift`, { reason }).then((answer) => restrictionViewSchema.parse(answer));
}

/** Where a supervisor sets and lifts a team member's restrictions, beside their page. */
export const restrictionPaths = {
  worker: (workerId: string) => `/team/workers/${encodeURIComponent(workerId)}`,
  restrict: (workerId: string) => `/team/workers/${encodeURIComponent(workerId)}/restrict`,
  lift: (workerId: string, restrictionId: string) => `/team/workers/${encodeURIComponent(workerId)}/restrictions/${encodeURIComponent(restrictionId)}/lift`,
};
