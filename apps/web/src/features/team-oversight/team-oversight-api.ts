import { clientListSchema } from "@greentape/contract/clients";
import { schemeListSchema } from "@greentape/contract/schemes";
import { type TeamSpends, teamMembersSchema, teamSpendsSchema } from "@greentape/contract/supervision";
import { apiDownload, apiGet } from "../../lib/api-client.ts";
import { saveBlob } from "../../lib/save-file.ts";
import { useApiData, useLoad } from "../../lib/use-api-data.ts";

/** The team's people who log spends (`GET /api/team/members`). */
export function useTeamMembers() {
  return useApiData("/api/team/members", teamMembersSchema);
}

export const TRACK_FILTERS = [
  { value: "unjustified", label: "Not yet justified" },
  { value: "queried", label: "Question waiting" },
  { value: "follow_up_overdue", label: "Follow-up overdue" },
  { value: "receipt_missing", label: "Receipt missing" },
] as const;

/** The filters a supervisor sets, as they travel in the page's address and to the API. */
export const FILTER_KEYS = ["workerId", "clientId", "category", "track", "from", "to"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type TeamSpendFilter = Partial<Record<FilterKey, string>>;

export function filterQuery(filter: TeamSpendFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filter[key]) query.set(key, filter[key]);
  for (const [key, value] of Object.entries(extra)) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}

export const PAGE_SIZE = 50;

/** One page of the team's spends matching the filter (`GET /api/team/spends`). */
export function fetchTeamSpends(filter: TeamSpendFilter, cursor: string | null, signal?: AbortSignal): Promise<TeamSpends> {
  const extra: Record<string, string> = { limit: String(PAGE_SIZE) };
  if (cursor) extra.cursor = cursor;
  return apiGet<unknown>(`/api/team/spends${filterQuery(filter, extra)}`, { signal }).then((a) => teamSpendsSchema.parse(a));
}

export function useTeamSpends(filter: TeamSpendFilter) {
  return useLoad(`team-spends${filterQuery(filter)}`, (signal) => fetchTeamSpends(filter, null, signal));
}


export interface FilterChoices {
  clients: { id: string; reference: string }[];
  categories: string[];
}

/** What the filter's lists offer: the team's clients and every category of the schemes the caller can see. */
export function useFilterChoices() {
  return useLoad("team-spend-choices", async (signal): Promise<FilterChoices> => {
    const [clients, schemes] = await Promise.all([
      apiGet<unknown>("/api/clients?limit=500", { signal }).then((a) => clientListSchema.parse(a).items),
      apiGet<unknown>("/api/schemes", { signal }).then((a) => schemeListSchema.parse(a).items),
    ]);
    return {
      clients: [...clients].sort((a, b) => a.reference.localeCompare(b.reference)),
      categories: [...new Set(schemes.flatMap((s) => s.categories))].sort((a, b) => a.localeCompare(b)),
    };
  });
}

/** Downloads every spend the filter matches as a CSV (`GET /api/team/spends.csv`). Returns the file's name. */
export async function downloadTeamSpends(filter: TeamSpendFilter): Promise<string> {
  const { blob, filename } = await apiDownload(`/api/team/spends.csv${filterQuery(filter)}`);
  const name = filename ?? "team-spends.csv";
  saveBlob(blob, name);
  return name;
}
