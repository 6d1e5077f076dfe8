import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  pushKeySchema,
  pushSubscriptionBodySchema,
  pushUnsubscribeBodySchema,
  reminderPreferencesBodySchema,
  reminderPreferencesSchema,
} from "@greentape/contract/reminders";
import { requireActor } from "../../plugins/access.ts";
import type { RemindersService } from "./reminders.service.ts";

declare module "fastify" {
  interface FastifyInstance {
    /** The reminders' sweep, for tests that move the clock and sweep, as the job queue does each minute. */
    reminders: RemindersService;
  }
}

export async function remindersRoutes(app: FastifyInstance, options: { reminders: RemindersService }) {
  const { reminders } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/push/key",
    { config: { access: "signed-in" }, schema: { tags: ["reminders"], summary: "The VAPID public key to subscribe this device to push with", response: { 200: pushKeySchema } } },
    async () => ({ publicKey: reminders.pushKey() }),
  );

  api.put(
    "/api/push/subscriptions",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["reminders"],
        summary: "Receive reminders by push on this device (a PushSubscription's JSON)",
        description: "One subscription per device (its endpoint); saving it again moves it to the caller and this session. It is removed when this session ends (sign-out) and when the push service answers 404 or 410.",
        body: pushSubscriptionBodySchema,
      },
    },
    async (request, reply) => {
      await reminders.subscribe(requireActor(request), request.user.sid, request.body);
      return reply.code(204).send();
    },
  );

  api.post(
    "/api/push/subscriptions/remove",
    {
      config: { access: "signed-in" },
      schema: { tags: ["reminders"], summary: "Stop push on this device (before signing out, or when the person turns it off)", body: pushUnsubscribeBodySchema },
    },
    async (request, reply) => {
      await reminders.unsubscribe(requireActor(request), request.body.endpoint);
      return reply.code(204).send();
    },
  );

  api.get(
    "/api/me/reminder-preferences",
    { config: { access: "signed-in" }, schema: { tags: ["reminders"], summary: "How you hear each kind of reminder, and your quiet hours (no push)", response: { 200: reminderPreferencesSchema } } },
    async (request) => reminders.preferences(requireActor(request)),
  );

  api.put(
    "/api/me/reminder-preferences",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["reminders"],
        summary: "Choose email, push, both or none for each kind, and quiet hours",
        description: "Kinds not named keep their choice. Due-date warnings (justification due or overdue, the day before a pause, follow-up due) cannot be `none`: 400 naming `channels.<kind>`. Quiet hours stop push only; email still goes. Equal times mean no quiet hours.",
        body: reminderPreferencesBodySchema,
        response: { 200: reminderPreferencesSchema },
      },
    },
    async (request) => reminders.setPreferences(requireActor(request), request.body),
  );
}
