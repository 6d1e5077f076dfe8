import { type NotificationList, notificationListSchema } from "@greentape/contract/notifications";
import { apiGet, apiPost } from "../../lib/api-client.ts";

/** Said on window whenever this tab marks notifications read, so the badge catches up at once. */
export const NOTIFICATIONS_CHANGED = "green-tape:notifications-changed";

function changed(): void {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

export async function fetchNotifications(cursor: string | null, signal?: AbortSignal, limit = 30): Promise<NotificationList> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set("cursor", cursor);
  return notificationListSchema.parse(await apiGet<unknown>(`/api/notifications?${query.toString()}`, { signal }));
}

export async function markRead(id: string): Promise<void> {
  await apiPost<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`);
  changed();
}

export async function markAllRead(): Promise<void> {
  await apiPost<unknown>("/api/notifications/read-all");
  changed();
}
