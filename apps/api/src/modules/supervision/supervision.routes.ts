import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isValidIsoDate } from "@greentape/domain/dates";
import { teamMembersSchema, teamSpendsSchema } from "@greentape/contract/supervision";
import { requireActor } from "../../plugins/access.ts";
import { TEAM_TRACKS } from "./supervision.queries.ts";
import type { SupervisionService } from "./supervision.service.ts";

const teamQuery = { teamId: z.uuid({ message: "Team id must be a UUID" }).optional().describe("Auditors and admins name a team; a supervisor gets their own") };
const day = (label: string) => z.string().refine(isValidIsoDate, `${label} must be a date like 2026-03-31`).optional();

const filter = z.object({
  ...teamQuery,
  workerId: z.uuid({ message: "Worker id must be a UUID" }).optional(),
  clientId: z.uuid({ message: "Client id must be a UUID" }).optional(),
  category: z.string().trim().min(1, "Category must not be empty").max(100).optional(),
  track: z.enum(TEAM_TRACKS, { message: `Track must be one of ${TEAM_TRACKS.join(", ")}` }).optional(),
  from: day("From"),
  to: day("To"),
});
const inOrder = (f: { from?: string | undefined; to?: string | undefined }) => !f.from || !f.to || f.from <= f.to;
const notInOrder = { path: ["to"], message: "To must be on or after From" };
const filterQuery = filter.refine(inOrder, notInOrder);
const listQuery = filter.extend({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }).refine(inOrder, notInOrder);

const TRACKS_DESCRIPTION =
  "`track`: `unjustified` (justification not yet written), `queried` (a question waits for the worker), `follow_up_overdue` (the client follow-up is past its due date), `receipt_missing` (no receipt and no lost-receipt declaration); the first three and the last count live spends only. `from` and `to` bound the date spent, inclusive.";

export async function supervisionRoutes(app: FastifyInstance, options: { supervision: SupervisionService }) {
  const { supervision } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const access = { access: ["supervisor", "auditor", "admin"] as const };

  api.get(
    "/api/team/members",
    {
      config: access,
      schema: {
        tags: ["team"],
        summary: "The team's people who log spends: allowance used this month, open to-dos, pause and restrictions in force",
        description: "A supervisor gets their own team (another team's `teamId` is 403); auditors and admins name one. Workers and finance get 403.",
        querystring: z.object(teamQuery),
        response: { 200: teamMembersSchema },
      },
    },
    async (request) => supervision.members(requireActor(request), request.query),
  );

  api.get(
    "/api/team/spends",
    {
      config: access,
      schema: {
        tags: ["team"],
        summary: "Every spend of the team, filtered, newest date first, with the worker's name and the client's reference",
        description: `${TRACKS_DESCRIPTION} \`count\` and \`liveTotal\` (voided spends left out of the total) cover every page.`,
        querystring: listQuery,
        response: { 200: teamSpendsSchema },
      },
    },
    async (request) => supervision.spends(requireActor(request), request.query),
  );

  api.get(
    "/api/team/spends.csv",
    {
      config: access,
      exposeHeadRoute: false,
      schema: {
        tags: ["team"],
        summary: "The same filtered list as a CSV: every matching spend, names beside ids",
        description: `${TRACKS_DESCRIPTION} Text cells that a spreadsheet would run as a formula start with \`'\`.`,
        querystring: filterQuery,
      },
    },
    async (request, reply) => {
      const file = await supervision.spendsCsv(requireActor(request), request.query);
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="${file.filename}"`)
        .header("Cache-Control", "private, no-store")
        .send(file.body);
    },
  );
}
