import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { restrictionViewSchema } from "@greentape/domain/restrictions";
import { requireActor } from "../../plugins/access.ts";
import type { AllowanceService } from "./allowance.service.ts";

const capState = z.object({ limit: z.number().int().nullable(), used: z.number().int(), remaining: z.number().int().nullable() });

export async function allowanceRoutes(app: FastifyInstance, options: { allowance: AllowanceService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/allowance",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["spends"],
        summary: "What the caller may still spend now under each cap, their own restrictions included",
        querystring: z.object({ schemeId: z.uuid().optional(), clientId: z.uuid().optional() }),
        response: {
          200: z.object({
            schemeId: z.string(),
            schemeVersion: z.number().int(),
            schemeName: z.string(),
            currency: z.string(),
            period: z.string(),
            today: z.string(),
            clientId: z.string().nullable(),
            caps: z.object({ perSpend: capState, perClient: capState, perWorkerMonthly: capState, teamMonthly: capState }),
            maxSpend: z.number().int().nullable(),
            suspended: z.boolean().describe("A suspension of the caller is in force: nothing may be spent until it ends or is lifted"),
            restrictions: z.array(restrictionViewSchema).describe("The caller's restrictions in force, with reasons; lowered caps are already in `caps`"),
          }),
        },
      },
    },
    async (request) => options.allowance.forActor(requireActor(request), request.query),
  );
}
