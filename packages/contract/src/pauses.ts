// The pause: a worker's new spends wait while a justification is overdue past its scheme's grace days.
import { z } from "zod/mini";
import { JUSTIFICATION_STATES } from "@greentape/domain/tracks";
import { prose } from "@greentape/domain/text";
import { idParamsSchema } from "./params.ts";
import { personSchema } from "./spends.ts";

/** GET /api/me/pause */
export const pauseStateSchema = z.object({
  paused: z.boolean(),
  overdueSpends: z.array(z.object({ id: z.string(), amount: z.int(), currency: z.string(), payee: z.string(), spentOn: z.string(), justificationDueOn: z.string(), justificationStatus: z.enum(JUSTIFICATION_STATES) })),
  snoozedUntil: z.nullable(z.string()),
  snoozesInARow: z.int(),
});
export type PauseState = z.infer<typeof pauseStateSchema>;

/** GET /api/pauses: the team's members. */
export const teamPausesSchema = z.object({ items: z.array(z.extend(pauseStateSchema, { worker: personSchema })) });
export type MemberPause = z.infer<typeof teamPausesSchema>["items"][number];

/** POST /api/users/:id/snooze */
export const snoozeSchema = z.object({ id: z.string(), workerId: z.string(), untilOn: z.string(), reason: z.string(), grantedBy: z.string(), createdAt: z.string() });

/** POST /api/users/:id/snooze */
export const snoozeParamsSchema = idParamsSchema("User");
export const snoozeBodySchema = z.object({
  days: z.int().check(z.gte(1, "Snooze for at least 1 day"), z.lte(14, "Snooze for at most 14 days")),
  reason: prose(5, 1000, "Reason"),
});
