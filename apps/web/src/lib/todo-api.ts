import { z } from "zod";
import { spendViewSchema } from "@greentape/contract/spends";
import { apiGet } from "./api-client.ts";

const todoSchema = z.object({
  today: z.string(),
  items: z.array(z.object({ need: z.string(), dueOn: z.string(), overdue: z.boolean(), spend: spendViewSchema })),
});
export type Todo = z.infer<typeof todoSchema>;
export type TodoItem = Todo["items"][number];

/** GET /api/worklists/todo: the caller's own spends needing something, soonest due first. */
export async function fetchTodo(signal?: AbortSignal): Promise<Todo> {
  return todoSchema.parse(await apiGet<unknown>("/api/worklists/todo", { signal }));
}
