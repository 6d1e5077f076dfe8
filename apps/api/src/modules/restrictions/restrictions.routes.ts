import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { liftRestrictionInputSchema, restrictionInputSchema } from "@greentape/domain/restrictions";
import { restrictionListSchema, restrictionViewSchema } from "@greentape/contract/restrictions";
import { restrictedUserParamsSchema, restrictionParamsSchema } from "@greentape/contract/restriction-requests";
import { requireActor } from "../../plugins/access.ts";
import type { RestrictionsService } from "./restrictions.service.ts";

export async function restrictionsRoutes(app: FastifyInstance, options: { restrictions: RestrictionsService }) {
  const { restrictions } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/users/:id/restrictions",
    {
      config: { access: ["supervisor", "admin"] },
      schema: {
        tags: ["users"],
        summary: "Suspend one person's spending, or lower their caps, with a reason, until a day or until lifted",
        description:
          "An admin, or a supervisor of the person's own team (never on themselves). `until` is the last day it applies; without it, it lasts until lifted. " +
          "`lower_caps` needs `perSpendCap` or `perWorkerMonthlyCap` (minor units); each is used where lower than the scheme's. " +
          "While a suspension is in force the person's new spends answer 422 `/allowance-restricted`. The act is in the event log and the person is notified at once.",
        params: restrictedUserParamsSchema,
        body: restrictionInputSchema,
        response: { 201: restrictionViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await restrictions.restrict(requireActor(request), request.params.id, request.body)),
  );

  api.get(
    "/api/users/:id/restrictions",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["users"],
        summary: "A person's restrictions, newest first, lifted and ended ones included",
        description: "For the person themselves, a supervisor of their team, an auditor or an admin.",
        params: restrictedUserParamsSchema,
        response: { 200: restrictionListSchema },
      },
    },
    async (request) => restrictions.list(requireActor(request), request.params.id),
  );

  api.post(
    "/api/users/:id/restrictions/:restrictionId/lift",
    {
      config: { access: ["supervisor", "admin"] },
      schema: {
        tags: ["users"],
        summary: "Lift a restriction, with a reason: the person's freedom comes back at once",
        description: "Who may restrict may lift. A restriction already lifted, or past its last day, is 409. The act is in the event log and the person is notified.",
        params: restrictionParamsSchema,
        body: liftRestrictionInputSchema,
        response: { 200: restrictionViewSchema },
      },
    },
    async (request) => restrictions.lift(requireActor(request), request.params.id, request.params.restrictionId, request.body.reason),
  );
}
