import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { teamMembersQuerySchema, teamMembersSchema, teamSpendFilterSchema, teamSpendListQuerySchema, teamSpendsSchema } from "@greentape/contract/supervision";
import { requireActor } from "../../plugins/access.ts";
import type { SupervisionService } from "./supervision.service.ts";

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
        querystring: teamMembersQuerySchema,
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
        querystring: teamSpendListQuerySchema,
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
        querystring: teamSpendFilterSchema,
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
