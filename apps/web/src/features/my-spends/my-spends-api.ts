import { clientListSchema } from "@greentape/contract/clients";
import { type ListedSpend, type MonthTotal, monthTotalSchema, type SpendPage, spendPageSchema } from "@greentape/contract/spends";
import { apiGet } from "../../lib/api-client.ts";

export interface MySpends {
  items: ListedSpend[];
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
      .then((a) => clientListSchema.parse(a).items)
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
  return spendPageSchema.parse(await apiGet<unknown>(`/api/spends?${query.toString()}`, { signal }));
}
