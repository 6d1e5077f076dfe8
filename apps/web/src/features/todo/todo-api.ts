import { z } from "zod";
import { apiGet } from "../../lib/api-client.ts";
import { spendSchema } from "../../components/spend-case.tsx";
import { useLoad } from "../../lib/use-api-data.ts";

const todoSchema = z.object({
  today: z.string(),
  items: z.array(z.object({ need: z.string(), dueOn: z.string(), overdue: z.boolean(), spend: spendSchema })),
});
export type Todo = z.infer<typeof todoSchema>;
export type TodoItem = Todo["items"][number];

const clientsSchema = z.object({ items: z.array(z.object({ id: z.string(), reference: z.string() })) });
const unreadSchema = z.object({ unreadCount: z.number().int() });

export interface TodoPageData {
  todo: Todo;
  clientReferences: Map<string, string>;
  unreadNotifications: number | null;
}

/** GET /api/worklists/todo: the caller's own spends needing something, soonest due first. */
export async function fetchTodo(signal?: AbortSignal): Promise<Todo> {
  return todoSchema.parse(await apiGet<unknown>("/api/worklists/todo", { signal }));
}

async function fetchTodoPage(signal?: AbortSignal): Promise<TodoPageData> {
  const [todo, clients, unread] = await Promise.all([
    fetchTodo(signal),
    apiGet<unknown>("/api/clients?limit=500", { signal })
      .then((a) => clientsSchema.parse(a).items)
      .catch(() => []),
    apiGet<unknown>("/api/notifications?limit=1", { signal })
      .then((a) => unreadSchema.parse(a).unreadCount)
      .catch(() => null),
  ]);
  return { todo, clientReferences: new Map(clients.map((c) => [c.id, c.reference])), unreadNotifications: unread };
}

export function useTodoPage() {
  return useLoad("todo", (signal) => fetchTodoPage(signal));
}
