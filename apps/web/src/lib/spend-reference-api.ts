// What a worker spends under: schemes, the team's clients and the allowance left (the log-a-spend
// form and the home page).
// Schemes and clients are also kept on the phone (per user), so the form opens with no signal.
import { z } from "zod/mini";
import { type Allowance, allowanceSchema } from "@greentape/contract/allowance";
import { clientListSchema } from "@greentape/contract/clients";
import { schemeListSchema, schemeViewSchema } from "@greentape/contract/schemes";
import { apiGet } from "./api-client.ts";
import { clientSchema, type Client } from "./client-schema.ts";
import { useLoad } from "./use-api-data.ts";

/** A scheme as the phone keeps it: what an older version cached lacks the fields it did not read. */
const schemeSchema = z.partial(schemeViewSchema, { graceDays: true, auditSettings: true, createdAt: true, teamIds: true });
export type Scheme = z.infer<typeof schemeSchema>;

export type CapName = keyof Allowance["caps"];

export interface ReferenceData {
  schemes: Scheme[];
  clients: Client[];
  /** True when the server could not be reached and this came from the phone. */
  fromPhone: boolean;
  savedAt: string | null;
}

const cacheKey = (userId: string) => `green-tape:log-spend:reference:${userId}`;

function readCache(userId: string): ReferenceData | null {
  try {
    const text = localStorage.getItem(cacheKey(userId));
    if (!text) return null;
    const parsed = JSON.parse(text) as { schemes: unknown; clients: unknown; savedAt: string };
    return {
      schemes: z.array(schemeSchema).parse(parsed.schemes),
      clients: z.array(clientSchema).parse(parsed.clients),
      fromPhone: true,
      savedAt: parsed.savedAt,
    };
  } catch {
    return null;
  }
}

function writeCache(userId: string, data: { schemes: Scheme[]; clients: Client[] }): void {
  try {
    localStorage.setItem(cacheKey(userId), JSON.stringify({ ...data, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or blocked: the form still works online.
  }
}

/** Adds a client the worker just created to what the phone remembers. */
export function rememberClient(userId: string, client: Client): void {
  const cached = readCache(userId);
  if (cached) writeCache(userId, { schemes: cached.schemes, clients: [client, ...cached.clients.filter((c) => c.id !== client.id)] });
}

export async function fetchReferenceData(userId: string, teamId: string | null, signal?: AbortSignal): Promise<ReferenceData> {
  try {
    const [schemes, clients] = await Promise.all([
      apiGet<unknown>("/api/schemes", { signal }).then((a) => schemeListSchema.parse(a).items),
      apiGet<unknown>("/api/clients?limit=500", { signal }).then((a) => clientListSchema.parse(a).items),
    ]);
    const usable = schemes.filter((s) => !s.teamIds || (teamId !== null && s.teamIds.includes(teamId)));
    const data = { schemes: usable, clients };
    writeCache(userId, data);
    return { ...data, fromPhone: false, savedAt: null };
  } catch (error) {
    const cached = readCache(userId);
    if (cached) return cached;
    throw error;
  }
}

export function useReferenceData(userId: string, teamId: string | null) {
  return useLoad(`reference:${userId}`, (signal) => fetchReferenceData(userId, teamId, signal));
}

export async function fetchAllowance(schemeId: string, clientId: string | null, signal?: AbortSignal): Promise<Allowance> {
  const query = new URLSearchParams({ schemeId });
  if (clientId) query.set("clientId", clientId);
  return allowanceSchema.parse(await apiGet<unknown>(`/api/allowance?${query.toString()}`, { signal }));
}

export function useAllowance(schemeId: string | null, clientId: string | null) {
  return useLoad(schemeId ? `allowance:${schemeId}:${clientId ?? ""}` : null, (signal) => fetchAllowance(schemeId ?? "", clientId, signal));
}
