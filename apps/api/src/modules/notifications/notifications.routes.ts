import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { notificationListSchema, notificationViewSchema } from "@greentape/contract/notifications";
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
        querystring: z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: notificationListSchema },
      },
    },
    async (request) => notifications.list(requireActor(request), request.query),
  );

  api.post(
    "/api/notifications/:id/read",
    {
      config: { access: "signed-in" },
      schema: { tags: ["notifications"], summary: "Mark one of your notifications read", params: z.object({ id: z.uuid({ message: "Notification id must be a UUID" }) }), response: { 200: notificationViewSchema } },
    },
    async (request) => notifications.markRead(requireActor(request), request.params.id),
  );

  api.post(
    "/api/notifications/read-all",
    { config: { access: "signed-in" }, schema: { tags: ["notifications"], summary: "Mark all your notifications read", response: { 200: z.object({ marked: z.number().int() }) } } },
    async (request) => notifications.markAllRead(requireActor(request)),
  );
}
