import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { schemeInputSchema } from "@greentape/domain/scheme-input";
import { schemeListSchema, schemeVersionsSchema, schemeViewSchema } from "@greentape/contract/schemes";
import { schemeParamsSchema, schemeQuerySchema } from "@greentape/contract/scheme-requests";
import { requireActor } from "../../plugins/access.ts";
import type { SchemesService } from "./schemes.service.ts";

export async function schemesRoutes(app: FastifyInstance, options: { schemes: SchemesService }) {
  const { schemes } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/schemes",
    { config: { access: "signed-in" }, schema: { tags: ["schemes"], summary: "Schemes that apply to the caller", response: { 200: schemeListSchema } } },
    async (request) => ({ items: await schemes.list(requireActor(request)) }),
  );

  api.get(
    "/api/schemes/:id",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["schemes"],
        summary: "A scheme: its current version, or ?version=N",
        params: schemeParamsSchema,
        // Versions are PostgreSQL integers: a larger number is no version, not a query that fails.
        querystring: schemeQuerySchema,
        response: { 200: schemeVersionsSchema },
      },
    },
    async (request) => schemes.get(requireActor(request), request.params.id, request.query.version),
  );

  api.post(
    "/api/schemes",
    { config: { access: ["admin"] }, schema: { tags: ["schemes"], summary: "Create a scheme (version 1)", body: schemeInputSchema, response: { 201: schemeViewSchema } } },
    async (request, reply) => reply.code(201).send(await schemes.create(requireActor(request), request.body)),
  );

  api.put(
    "/api/schemes/:id",
    { config: { access: ["admin"] }, schema: { tags: ["schemes"], summary: "Change a scheme: makes version N+1", params: schemeParamsSchema, body: schemeInputSchema, response: { 200: schemeViewSchema } } },
    async (request) => schemes.update(requireActor(request), request.params.id, request.body),
  );
}
