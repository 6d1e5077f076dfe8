import { z } from "zod";
import { apiDownload, apiGet } from "../../lib/api-client.ts";
import { saveBlob } from "../../lib/save-file.ts";
import { useApiData, useLoad } from "../../lib/use-api-data.ts";

const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
  allowance: z.array(z.object({ schemeId: z.string(), schemeName: z.string(), currency: z.string(), used: z.number().int(), limit: z.number().int().nullable() })),
  openTodos: z.number().int(),
  overdueTodos: z.number().int(),
  pause: z.object({ paused: z.boolean(), overdueJustifications: z.number().int(), snoozedUntil: z.string().nullable() }),
  restrictions: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      reason: z.string(),
      until: z.string().nullable(),
      perSpendCap: z.number().int().nullable(),
      perWorkerMonthlyCap: z.number().int().nullable(),
    }),
  ),
});
const membersSchema = z.object({ team: z.object({ id: z.string(), name: z.string() }), period: z.string(), today: z.string(), members: z.array(memberSchema) });
export type TeamMember = z.infer<typeof memberSchema>;

/** The team's people who log spends (`GET /api/team/members`). */
export function useTeamMembers() {
  return useApiData("/api/team/members", membersSchema);
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

const teamSpendSchema = z.looseObject({
  id: z.string(),
  workerId: z.string(),
  workerName: z.string(),
  clientReference: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  category: z.string(),
  payee: z.string(),
  spentOn: z.string(),
  voided: z.boolean(),
  justificationStatus: z.string(),
  justificationOverdue: z.boolean(),
  followUpStatus: z.string(),
  followUpOverdue: z.boolean(),
  receipt: z.enum(["attached", "declared_lost", "missing"]),
});
const teamSpendsSchema = z.object({ count: z.number().int(), liveTotal: z.number().int(), items: z.array(teamSpendSchema), nextCursor: z.string().nullable() });
export type TeamSpend = z.infer<typeof teamSpendSchema>;
export type TeamSpends = z.infer<typeof teamSpendsSchema>;

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

const clientsSchema = z.object({ items: z.array(z.object({ id: z.string(), reference: z.string() })) });
const schemesSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), categories: z.array(z.string()) })) });

export interface FilterChoices {
  clients: { id: string; reference: string }[];
  categories: string[];
}

/** What the filter's lists offer: the team's clients and every category of the schemes the caller can see. */
export function useFilterChoices() {
  return useLoad("team-spend-choices", async (signal): Promise<FilterChoices> => {
    const [clients, schemes] = await Promise.all([
      apiGet<unknown>("/api/clients?limit=500", { signal }).then((a) => clientsSchema.parse(a).items),
      apiGet<unknown>("/api/schemes", { signal }).then((a) => schemesSchema.parse(a).items),
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
