import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { teamBodySchema, teamListSchema, teamParamsSchema, teamViewSchema } from "@greentape/contract/teams";
import { requireActor } from "../../plugins/access.ts";
import type { TeamsService } from "./teams.service.ts";

export async function teamsRoutes(app: FastifyInstance, options: { teams: TeamsService }) {
  const { teams } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/teams",
    {
      // Auditors and finance read team names and cost centres for samples and exports.
      config: { access: ["admin", "auditor", "finance"] },
      schema: { tags: ["teams"], summary: "Teams with their cost centres and supervisors", response: { 200: teamListSchema } },
    },
    async () => ({ items: await teams.list() }),
  );

  api.post(
    "/api/teams",
    { config: { access: ["admin"] }, schema: { tags: ["teams"], summary: "Add a team", body: teamBodySchema, response: { 201: teamViewSchema } } },
    async (request, reply) => reply.code(201).send(await teams.create(requireActor(request), request.body)),
  );

  api.put(
    "/api/teams/:id",
    {
      config: { access: ["admin"] },
      schema: { tags: ["teams"], summary: "Change a team's name, cost centre or service area; supervisors follow from users' roles", params: teamParamsSchema, body: teamBodySchema, response: { 200: teamViewSchema } },
    },
    async (request) => teams.update(requireActor(request), request.params.id, request.body),
  );
}
