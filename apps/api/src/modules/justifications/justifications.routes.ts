import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { justificationInputSchema } from "@greentape/domain/workflow-input";
import { spendParamsSchema } from "@greentape/contract/params";
import { spendDetailSchema } from "@greentape/contract/spends";
import { requireActor } from "../../plugins/access.ts";
import type { JustificationsService } from "./justifications.service.ts";


export async function justificationsRoutes(app: FastifyInstance, options: { justifications: JustificationsService }) {
  const { justifications } = options;
  app.withTypeProvider<ZodTypeProvider>().put(
    "/api/spends/:id/justification",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["workflow"],
        summary: "Write or revise the justification (its worker only): each submission is kept as a revision",
        description: "A narrative of 40 to 4,000 characters and the intended outcome. Once endorsed or under concern it can no longer be revised (409). Sending the same text again before anyone reviews it (a phone retrying after a lost reply) makes no new revision, so no Idempotency-Key is needed.",
        params: spendParamsSchema,
        body: justificationInputSchema,
        response: { 200: spendDetailSchema },
      },
    },
    async (request) => justifications.submit(requireActor(request), request.params.id, request.body),
  );
}
