// A team seen by its supervisor (or an auditor or admin): its people and its spends.
import { z } from "zod/mini";
import { ROLES } from "@greentape/domain/roles";
import { restrictionViewSchema } from "./restrictions.ts";
import { spendViewSchema } from "./spends.ts";

const teamSchema = z.object({ id: z.string(), name: z.string() });

const teamMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  allowance: z.array(
    z.object({ schemeId: z.string(), schemeName: z.string(), currency: z.string(), used: z.int(), limit: z.nullable(z.int()).check(z.describe("The scheme's monthly cap per worker; null for none")) }),
  ),
  openTodos: z.int().check(z.describe("Justifications to write or answer, follow-ups and receipts still open on their live spends")),
  overdueTodos: z.int(),
  pause: z.object({ paused: z.boolean(), overdueJustifications: z.int(), snoozedUntil: z.nullable(z.string()) }),
  restrictions: z.array(restrictionViewSchema).check(z.describe("Restrictions in force on them (a suspension, or lowered caps), oldest first")),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** GET /api/team/members */
export const teamMembersSchema = z.object({ team: teamSchema, period: z.string(), today: z.string(), members: z.array(teamMemberSchema) });

const teamSpendSchema = z.extend(spendViewSchema, {
  workerName: z.string(),
  clientReference: z.string(),
  receipt: z.enum(["attached", "declared_lost", "missing"]),
});
export type TeamSpend = z.infer<typeof teamSpendSchema>;

/** GET /api/team/spends */
export const teamSpendsSchema = z.object({ team: teamSchema, today: z.string(), count: z.int(), liveTotal: z.int(), items: z.array(teamSpendSchema), nextCursor: z.nullable(z.string()) });
export type TeamSpends = z.infer<typeof teamSpendsSchema>;
