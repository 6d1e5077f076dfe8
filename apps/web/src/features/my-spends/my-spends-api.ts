import { z } from "zod";
import { apiGet } from "../../lib/api-client.ts";
import { spendSchema } from "../../components/spend-case.tsx";
import type { Spend } from "../../components/spend-case.tsx";

const pageSchema = z.object({ items: z.array(spendSchema), nextCursor: z.string().nullable() });
export type SpendPage = z.infer<typeof pageSchema>;

const clientsSchema = z.object({ items: z.array(z.object({ id: z.string(), reference: z.string(), displayName: z.string().nullish() })) });

const monthTotalSchema = z.object({
  period: z.string(),
  count: z.number().int(),
  totals: z.array(z.object({ currency: z.string(), amount: z.number().int() })),
});
export type MonthTotal = z.infer<typeof monthTotalSchema>;

export interface MySpends {
  items: Spend[];
  nextCursor: string | null;
  /** clientId → reference, for the team's clients. */
  clientReferences: Map<string, string>;
  /** What the worker spent this month (minor units); null when the server could not say. */
  monthTotal: MonthTotal | null;
}

/** The caller's own spends, newest first, a page at a time; with the team's client references and this month's total. */
export async function fetchMySpends(workerId: string, signal?: AbortSignal): Promise<MySpends> {
  const [page, clients, monthTotal] = await Promise.all([
    fetchSpendPage(workerId, null, signal),
    apiGet<unknown>("/api/clients?limit=500", { signal })
      .then((a) => clientsSchema.parse(a).items)
      .catch(() => []),
    apiGet<unknown>("/api/me/month-total", { signal })
      .then((a) => monthTotalSchema.parse(a))
      .catch(() => null),
  ]);
  return { ...page, clientReferences: new Map(clients.map((c) => [c.id, c.reference])), monthTotal };
}

export async function fetchSpendPage(workerId: string, cursor: string | null, signal?: AbortSignal): Promise<SpendPage> {
  const query = new URLSearchParams({ workerId, limit: "25" });
  if (cursor) query.set("cursor", cursor);
  return pageSchema.parse(await apiGet<unknown>(`/api/spends?${query.toString()}`, { signal }));
}
