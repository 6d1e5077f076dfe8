// The pause: a worker's new spends wait while a justification is overdue past its scheme's grace days.
import { z } from "zod/mini";
import { JUSTIFICATION_STATES } from "@greentape/domain/tracks";
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
