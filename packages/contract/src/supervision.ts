// A team seen by its supervisor (or an auditor or admin): its people and its spends.
import { z } from "zod/mini";
import { isValidIsoDate } from "@greentape/domain/dates";
import { ROLES } from "@greentape/domain/roles";
import { pageQuery } from "./params.ts";
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

/** What a team's spends may be narrowed to, besides worker, client, category and dates. */
export const TEAM_TRACKS = ["unjustified", "queried", "follow_up_overdue", "receipt_missing"] as const;
export type TeamTrack = (typeof TEAM_TRACKS)[number];

const teamQuery = {
  teamId: z.optional(z.uuid({ message: "Team id must be a UUID" })).check(z.describe("Auditors and admins name a team; a supervisor gets their own")),
};
const day = (label: string) => z.optional(z.string().check(z.refine(isValidIsoDate, `${label} must be a date like 2026-03-31`)));

/** GET /api/team/members */
export const teamMembersQuerySchema = z.object(teamQuery);

const teamSpendFilter = {
  ...teamQuery,
  workerId: z.optional(z.uuid({ message: "Worker id must be a UUID" })),
  clientId: z.optional(z.uuid({ message: "Client id must be a UUID" })),
  category: z.optional(z.string().check(z.trim(), z.minLength(1, "Category must not be empty"), z.maxLength(100))),
  track: z.optional(z.enum(TEAM_TRACKS, { message: `Track must be one of ${TEAM_TRACKS.join(", ")}` })),
  from: day("From"),
  to: day("To"),
};
const datesInOrder = z.refine<{ from?: string | undefined; to?: string | undefined }>((f) => !f.from || !f.to || f.from <= f.to, {
  path: ["to"],
  message: "To must be on or after From",
});

/** GET /api/team/spends.csv */
export const teamSpendFilterSchema = z.object(teamSpendFilter).check(datesInOrder);

/** GET /api/team/spends */
export const teamSpendListQuerySchema = z.object({ ...teamSpendFilter, ...pageQuery(50, 200) }).check(datesInOrder);
