// A person's restrictions (API.md "Restrictions"): the individual response to misuse, set and
// lifted by an admin or the person's own supervisor.
import type { RestrictionInput } from "@greentape/domain/restrictions";
import { restrictionListSchema, restrictionViewSchema, type RestrictionView } from "@greentape/contract/restrictions";
import { trackRecordSchema } from "@greentape/contract/track-record";
import { userListSchema } from "@greentape/contract/users";
import { apiGet, apiPost } from "./api-client.ts";
import { useCurrentUser } from "./auth.tsx";
import { useApiData, useLoad } from "./use-api-data.ts";

export type Restriction = RestrictionView;

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

/**
 * Where a person's restrictions are set and lifted, beside their page: a team member's page for
 * their supervisor, the user's page for an admin.
 */
export function useRestrictionPaths() {
  const { role } = useCurrentUser();
  const person = (userId: string) => (role === "admin" ? `/admin/users/${encodeURIComponent(userId)}` : `/team/workers/${encodeURIComponent(userId)}`);
  return {
    /** What the restriction pages call the place the person is seen from. */
    area: role === "admin" ? "Users" : "Your team",
    person,
    restrict: (userId: string) => `${person(userId)}/restrict`,
    lift: (userId: string, restrictionId: string) => `${person(userId)}/restrictions/${encodeURIComponent(restrictionId)}/lift`,
  };
}


/** The person's name: from the users list for an admin, from the team member's record for their supervisor. */
export function usePersonName(userId: string) {
  const { role } = useCurrentUser();
  return useLoad(`person:${role}:${userId}`, async (signal) => {
    if (role === "admin") return userListSchema.parse(await apiGet("/api/users", { signal })).items.find((u) => u.id === userId)?.name ?? null;
    return trackRecordSchema.parse(await apiGet(`/api/track-record?workerId=${encodeURIComponent(userId)}`, { signal })).name;
  });
}
