import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { clientListSchema, clientViewSchema } from "@greentape/contract/clients";
import { clientListQuerySchema, clientMoveBodySchema, clientParamsSchema, newClientBodySchema } from "@greentape/contract/client-requests";
import { equalityMonitoringInputSchema, equalityMonitoringSchema } from "@greentape/domain/equality-monitoring";
import { requireActor } from "../../plugins/access.ts";
import type { ClientsService } from "./clients.service.ts";

export async function clientsRoutes(app: FastifyInstance, options: { clients: ClientsService }) {
  const { clients } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/clients",
    {
      config: { access: ["worker", "supervisor", "auditor", "admin"] },
      schema: {
        tags: ["clients"],
        summary: "Clients of the caller's team (all for auditor and admin), recent ones first",
        querystring: clientListQuerySchema,
        response: { 200: clientListSchema },
      },
    },
    async (request) => ({ items: await clients.list(requireActor(request), { search: request.query.q || undefined, limit: request.query.limit }) }),
  );

  api.post(
    "/api/clients",
    {
      config: { access: ["worker", "supervisor", "admin"] },
      schema: { tags: ["clients"], summary: "Add a client, known by a pseudonymous reference", body: newClientBodySchema, response: { 201: clientViewSchema } },
    },
    async (request, reply) => reply.code(201).send(await clients.create(requireActor(request), request.body)),
  );

  api.put(
    "/api/clients/:id/team",
    {
      config: { access: ["admin"] },
      schema: { tags: ["clients"], summary: "Move a client to another team; their history goes with them", params: clientParamsSchema, body: clientMoveBodySchema, response: { 200: clientViewSchema } },
    },
    async (request) => clients.move(requireActor(request), request.params.id, request.body.teamId),
  );

  const monitoring = {
    tags: ["clients"],
    params: clientParamsSchema,
    description:
      "Optional equality-monitoring answers (age band, sex, ethnic group in the ONS 2021 high-level groups, disability), each `prefer_not_to_say` until recorded. An admin or the client's own team only; used only in aggregate by `GET /api/insights/equity`, and never in an export, a notification or the event log.",
  };

  api.get(
    "/api/clients/:id/equality-monitoring",
    {
      config: { access: ["worker", "supervisor", "admin"] },
      schema: { ...monitoring, summary: "A client's equality-monitoring answers", response: { 200: equalityMonitoringSchema } },
    },
    async (request) => clients.equalityMonitoring(requireActor(request), request.params.id),
  );

  api.put(
    "/api/clients/:id/equality-monitoring",
    {
      config: { access: ["worker", "supervisor", "admin"] },
      schema: { ...monitoring, summary: "Record some or all of a client's equality-monitoring answers", body: equalityMonitoringInputSchema, response: { 200: equalityMonitoringSchema } },
    },
    async (request) => clients.setEqualityMonitoring(requireActor(request), request.params.id, request.body),
  );
}
