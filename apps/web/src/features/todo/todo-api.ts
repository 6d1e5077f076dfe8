import { z } from "zod/mini";
import type { Todo } from "@greentape/contract/worklists";
import { clientListSchema } from "@greentape/contract/clients";
import { notificationListSchema } from "@greentape/contract/notifications";
import { apiGet } from "../../lib/api-client.ts";
import { fetchTodo } from "../../lib/todo-api.ts";
import { useLoad } from "../../lib/use-api-data.ts";
import { loadOrLastSeen } from "../../lib/last-seen.ts";

const unreadSchema = z.pick(notificationListSchema, { unreadCount: true });

export interface TodoPageData {
  todo: Todo;
  clientReferences: Map<string, string>;
  unreadNotifications: number | null;
}

async function fetchTodoPage(signal?: AbortSignal): Promise<TodoPageData> {
  const [todo, clients, unread] = await Promise.all([
    fetchTodo(signal),
    apiGet<unknown>("/api/clients?limit=500", { signal })
      .then((a) => clientListSchema.parse(a).items)
      .catch(() => []),
    apiGet<unknown>("/api/notifications?limit=1", { signal })
      .then((a) => unreadSchema.parse(a).unreadCount)
      .catch(() => null),
  ]);
  return { todo, clientReferences: new Map(clients.map((c) => [c.id, c.reference])), unreadNotifications: unread };
}

export function useTodoPage(userId: string) {
  return useLoad(`todo:${userId}`, (signal) => loadOrLastSeen(userId, "todo", () => fetchTodoPage(signal)));
}
