import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { pauseStateSchema, snoozeBodySchema, snoozeParamsSchema, snoozeSchema, teamPausesSchema } from "@greentape/contract/pauses";
import { requireActor } from "../../plugins/access.ts";
import type { PausesService } from "./pauses.service.ts";

export async function pausesRoutes(app: FastifyInstance, options: { pauses: PausesService }) {
  const { pauses } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/me/pause",
    { config: { access: ["worker", "supervisor"] }, schema: { tags: ["spends"], summary: "Whether the caller's new spends are paused, and which justifications would lift it", response: { 200: pauseStateSchema } } },
    async (request) => pauses.stateOf(requireActor(request).id),
  );

  api.get(
    "/api/pauses",
    {
      config: { access: ["supervisor"] },
      schema: {
        tags: ["spends"],
        summary: "The caller's team members whose new spends are paused, or whose pause is lifted by a snooze for now",
        description: "Each with the justifications overdue past grace that pause them. Members who owe nothing past grace are left out.",
        response: { 200: teamPausesSchema },
      },
    },
    async (request) => ({ items: await pauses.teamPauses(requireActor(request)) }),
  );

  api.post(
    "/api/users/:id/snooze",
    {
      config: { access: ["supervisor"] },
      schema: {
        tags: ["spends"],
        summary: "Lift a worker's pause for some days, with a reason (at most twice in a row)",
        params: snoozeParamsSchema,
        body: snoozeBodySchema,
        response: { 201: snoozeSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await pauses.snooze(requireActor(request), request.params.id, request.body)),
  );
}
