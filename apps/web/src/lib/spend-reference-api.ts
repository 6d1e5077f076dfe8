// What a worker spends under: schemes, the team's clients and the allowance left (the log-a-spend
// form and the home page).
// Schemes and clients are also kept on the phone (per user), so the form opens with no signal.
import { z } from "zod";
import { apiGet } from "./api-client.ts";
import { clientSchema, type Client } from "./client-schema.ts";
import { useLoad } from "./use-api-data.ts";

const schemeSchema = z.object({
  id: z.string(),
  version: z.number(),
  name: z.string(),
  currency: z.string(),
  categories: z.array(z.string()),
  perSpendCap: z.number().int().nullable(),
  perClientCap: z.number().int().nullable(),
  perClientWindowDays: z.number().int(),
  perWorkerMonthlyCap: z.number().int().nullable(),
  teamMonthlyBudget: z.number().int().nullable(),
  justificationDueDays: z.number().int(),
  followUpDueDays: z.number().int(),
  teamIds: z.array(z.string()).nullish(),
});
export type Scheme = z.infer<typeof schemeSchema>;

const capSchema = z.object({ limit: z.number().int().nullable(), used: z.number().int(), remaining: z.number().int().nullable() });
const allowanceSchema = z.object({
  schemeId: z.string(),
  schemeVersion: z.number(),
  schemeName: z.string(),
  currency: z.string(),
  period: z.string(),
  today: z.string(),
  clientId: z.string().nullable(),
  caps: z.object({ perSpend: capSchema, perClient: capSchema, perWorkerMonthly: capSchema, teamMonthly: capSchema }),
  maxSpend: z.number().int().nullable(),
  // Defaults keep an answer from a server before restrictions readable.
  suspended: z.boolean().default(false),
  restrictions: z
    .array(z.object({ id: z.string(), kind: z.enum(["suspend", "lower_caps"]), reason: z.string(), until: z.string().nullable(), perSpendCap: z.number().int().nullable(), perWorkerMonthlyCap: z.number().int().nullable() }))
    .default([]),
});
export type Allowance = z.infer<typeof allowanceSchema>;
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
      apiGet<unknown>("/api/schemes", { signal }).then((a) => z.object({ items: z.array(schemeSchema) }).parse(a).items),
      apiGet<unknown>("/api/clients?limit=500", { signal }).then((a) => z.object({ items: z.array(clientSchema) }).parse(a).items),
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
