import { z } from "zod";
import { apiGet, apiPost } from "../../lib/api-client.ts";

const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  spendId: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

const listSchema = z.object({ items: z.array(notificationSchema), unreadCount: z.number().int(), nextCursor: z.string().nullish() });
export type NotificationList = z.infer<typeof listSchema>;

/** Said on window whenever this tab marks notifications read, so the badge catches up at once. */
export const NOTIFICATIONS_CHANGED = "green-tape:notifications-changed";

function changed(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

export async function fetchNotifications(cursor: string | null, signal?: AbortSignal, limit = 30): Promise<NotificationList> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return listSchema.parse(await apiGet<unknown>(`/api/notifications?${query.toString()}`, { signal }));
}

export async function markRead(id: string): Promise<void> {
  await apiPost<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`);
  changed();
}

export async function markAllRead(): Promise<void> {
  await apiPost<unknown>("/api/notifications/read-all");
  changed();
}
