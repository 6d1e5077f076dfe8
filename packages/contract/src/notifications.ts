import { z } from "zod/mini";
import { NOTIFICATION_KINDS } from "@greentape/domain/notification-kinds";

export const notificationViewSchema = z.object({ id: z.string(), kind: z.string().check(z.describe(`Among ${NOTIFICATION_KINDS.join(", ")}; open, so a page of an older version reads a newer server's kind as words`)), spendId: z.nullable(z.string()), message: z.string(), createdAt: z.string(), readAt: z.nullable(z.string()) });
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** GET /api/notifications */
export const notificationListSchema = z.object({ items: z.array(notificationViewSchema), unreadCount: z.int(), nextCursor: z.nullable(z.string()) });
export type NotificationList = z.infer<typeof notificationListSchema>;

/** POST /api/notifications/read-all */
export const markedReadSchema = z.object({ marked: z.int() });
