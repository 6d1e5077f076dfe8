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
