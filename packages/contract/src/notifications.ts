import { z } from "zod/mini";

export const notificationViewSchema = z.object({ id: z.string(), kind: z.string(), spendId: z.nullable(z.string()), message: z.string(), createdAt: z.string(), readAt: z.nullable(z.string()) });
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** GET /api/notifications */
export const notificationListSchema = z.object({ items: z.array(notificationViewSchema), unreadCount: z.int(), nextCursor: z.nullable(z.string()) });
export type NotificationList = z.infer<typeof notificationListSchema>;
