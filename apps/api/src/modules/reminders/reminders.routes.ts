import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pushKeySchema, reminderPreferencesSchema } from "@greentape/contract/reminders";
import { CHANNEL_CHOICES, MESSAGE_KINDS } from "@greentape/domain/outbound-messages";
import { requireActor } from "../../plugins/access.ts";
import type { RemindersService } from "./reminders.service.ts";

const base64url = (label: string, max: number) => z.string({ message: `${label} is required` }).regex(/^[A-Za-z0-9_-]+=*$/, `${label} must be base64url`).max(max);
const subscription = z.object({
  endpoint: z.url({ protocol: /^https?$/, message: "endpoint must be the push service's http(s) URL" }).max(2000),
  keys: z.object({ p256dh: base64url("keys.p256dh", 200), auth: base64url("keys.auth", 100) }),
});
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give a time of day as HH:MM, such as 20:00");

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
        body: subscription,
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
      schema: { tags: ["reminders"], summary: "Stop push on this device (before signing out, or when the person turns it off)", body: z.object({ endpoint: z.string().min(1).max(2000) }) },
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
        body: z.object({ channels: z.partialRecord(z.enum(MESSAGE_KINDS), z.enum(CHANNEL_CHOICES)).default({}), quietFrom: clockTime, quietTo: clockTime }),
        response: { 200: reminderPreferencesSchema },
      },
    },
    async (request) => reminders.setPreferences(requireActor(request), request.body),
  );
}
