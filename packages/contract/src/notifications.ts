import { z } from "zod";

export const notificationViewSchema = z.object({ id: z.string(), kind: z.string(), spendId: z.string().nullable(), message: z.string(), createdAt: z.string(), readAt: z.string().nullable() });
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** GET /api/notifications */
export const notificationListSchema = z.object({ items: z.array(notificationViewSchema), unreadCount: z.number().int(), nextCursor: z.string().nullable() });
export type NotificationList = z.infer<typeof notificationListSchema>;
