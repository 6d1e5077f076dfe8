import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { allowanceSchema } from "@greentape/contract/allowance";
import { allowanceQuerySchema } from "@greentape/contract/allowance-requests";
import { requireActor } from "../../plugins/access.ts";
import type { AllowanceService } from "./allowance.service.ts";

export async function allowanceRoutes(app: FastifyInstance, options: { allowance: AllowanceService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/allowance",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["spends"],
        summary: "What the caller may still spend now under each cap, their own restrictions included",
        querystring: allowanceQuerySchema,
        response: {
          200: allowanceSchema,
        },
      },
    },
    async (request) => options.allowance.forActor(requireActor(request), request.query),
  );
}
