import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { markedReadSchema, notificationListSchema, notificationViewSchema } from "@greentape/contract/notifications";
import { notificationListQuerySchema, notificationParamsSchema } from "@greentape/contract/notification-requests";
import { requireActor } from "../../plugins/access.ts";
import type { NotificationsService } from "./notifications.service.ts";

export async function notificationsRoutes(app: FastifyInstance, options: { notifications: NotificationsService }) {
  const { notifications } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/notifications",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["notifications"],
        summary: "The caller's own notifications, newest first, with the unread count",
        description: "Reading also raises any due-soon warning (48 hours before a justification is due) that has become due, once per deadline.",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request) => notifications.list(requireActor(request), request.query),
  );

  api.post(
    "/api/notifications/:id/read",
    {
      config: { access: "signed-in" },
      schema: { tags: ["notifications"], summary: "Mark one of your notifications read", params: notificationParamsSchema, response: { 200: notificationViewSchema } },
    },
    async (request) => notifications.markRead(requireActor(request), request.params.id),
  );

  api.post(
    "/api/notifications/read-all",
    { config: { access: "signed-in" }, schema: { tags: ["notifications"], summary: "Mark all your notifications read", response: { 200: markedReadSchema } } },
    async (request) => notifications.markAllRead(requireActor(request)),
  );
}
