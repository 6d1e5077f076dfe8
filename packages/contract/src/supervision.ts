// A team seen by its supervisor (or an auditor or admin): its people and its spends.
import { z } from "zod";
import { ROLES } from "@greentape/domain/roles";
import { restrictionViewSchema } from "./restrictions.ts";
import { spendViewSchema } from "./spends.ts";

const teamSchema = z.object({ id: z.string(), name: z.string() });

const teamMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  allowance: z.array(
    z.object({ schemeId: z.string(), schemeName: z.string(), currency: z.string(), used: z.number().int(), limit: z.number().int().nullable().describe("The scheme's monthly cap per worker; null for none") }),
  ),
  openTodos: z.number().int().describe("Justifications to write or answer, follow-ups and receipts still open on their live spends"),
  overdueTodos: z.number().int(),
  pause: z.object({ paused: z.boolean(), overdueJustifications: z.number().int(), snoozedUntil: z.string().nullable() }),
  restrictions: z.array(restrictionViewSchema).describe("Restrictions in force on them (a suspension, or lowered caps), oldest first"),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** GET /api/team/members */
export const teamMembersSchema = z.object({ team: teamSchema, period: z.string(), today: z.string(), members: z.array(teamMemberSchema) });

const teamSpendSchema = spendViewSchema.extend({
  workerName: z.string(),
  clientReference: z.string(),
  receipt: z.enum(["attached", "declared_lost", "missing"]),
});
export type TeamSpend = z.infer<typeof teamSpendSchema>;

/** GET /api/team/spends */
export const teamSpendsSchema = z.object({ team: teamSchema, today: z.string(), count: z.number().int(), liveTotal: z.number().int(), items: z.array(teamSpendSchema), nextCursor: z.string().nullable() });
export type TeamSpends = z.infer<typeof teamSpendsSchema>;
