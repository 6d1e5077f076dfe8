import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { followUpInputSchema } from "@greentape/domain/workflow-input";
import { spendParamsSchema } from "@greentape/contract/params";
import { spendDetailSchema } from "@greentape/contract/spends";
import { requireActor } from "../../plugins/access.ts";
import type { FollowUpsService } from "./follow-ups.service.ts";


export async function followUpsRoutes(app: FastifyInstance, options: { followUps: FollowUpsService }) {
  const { followUps } = options;
  app.withTypeProvider<ZodTypeProvider>().put(
    "/api/spends/:id/follow-up",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["workflow"],
        summary: "Record (or correct) the client follow-up: its worker or a supervisor of its team",
        description: "The date of contact may not be before the spend or in the future. Recording again replaces the answer; every recording stays in the event log. The same answer again (a phone retrying after a lost reply) changes nothing and is not logged twice, so no Idempotency-Key is needed.",
        params: spendParamsSchema,
        body: followUpInputSchema,
        response: { 200: spendDetailSchema },
      },
    },
    async (request) => followUps.record(requireActor(request), request.params.id, request.body),
  );
}
