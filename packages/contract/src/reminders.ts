import { z } from "zod/mini";
import { CHANNEL_CHOICES, MESSAGE_KINDS } from "@greentape/domain/outbound-messages";

/** GET and PUT /api/me/reminder-preferences: how the person hears each kind of reminder, and their quiet hours. */
export const reminderPreferencesSchema = z.object({
  kinds: z.array(z.object({ kind: z.enum(MESSAGE_KINDS), choice: z.enum(CHANNEL_CHOICES), canTurnOff: z.boolean() })),
  quietFrom: z.string(),
  quietTo: z.string(),
});
export type ReminderPreferences = z.infer<typeof reminderPreferencesSchema>;

/** GET /api/push/key: the VAPID public key to subscribe a device to push with. */
export const pushKeySchema = z.object({ publicKey: z.string() });

const base64url = (label: string, max: number) =>
  z.string({ message: `${label} is required` }).check(z.regex(/^[A-Za-z0-9_-]+=*$/, `${label} must be base64url`), z.maxLength(max));

/** PUT /api/push/subscriptions: a PushSubscription's JSON. */
export const pushSubscriptionBodySchema = z.object({
  endpoint: z.url({ protocol: /^https?$/, message: "endpoint must be the push service's http(s) URL" }).check(z.maxLength(2000)),
  keys: z.object({ p256dh: base64url("keys.p256dh", 200), auth: base64url("keys.auth", 100) }),
});

/** POST /api/push/subscriptions/remove */
export const pushUnsubscribeBodySchema = z.object({ endpoint: z.string().check(z.minLength(1), z.maxLength(2000)) });

const clockTime = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give a time of day as HH:MM, such as 20:00"));

/** PUT /api/me/reminder-preferences: kinds left out keep their choice. */
export const reminderPreferencesBodySchema = z.object({
  channels: z._default(z.partialRecord(z.enum(MESSAGE_KINDS), z.enum(CHANNEL_CHOICES)), {}),
  quietFrom: clockTime,
  quietTo: clockTime,
});
