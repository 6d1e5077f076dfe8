import { type Todo, todoSchema } from "@greentape/contract/worklists";
import { apiGet } from "./api-client.ts";

/** GET /api/worklists/todo: the caller's own spends needing something, soonest due first. */
export async function fetchTodo(signal?: AbortSignal): Promise<Todo> {
  return todoSchema.parse(await apiGet<unknown>("/api/worklists/todo", { signal }));
}
