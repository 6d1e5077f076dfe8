import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { spendViewSchema } from "@greentape/contract/spends";
import { requireActor } from "../../plugins/access.ts";
import type { ClientHistoryService } from "./client-history.service.ts";

export async function clientHistoryRoutes(app: FastifyInstance, options: { clientHistory: ClientHistoryService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/clients/:id/history",
    {
      config: { access: ["supervisor", "auditor", "admin"] },
      schema: {
        tags: ["clients"],
        summary: "Every spend for a client across workers, with justifications and outcomes (the client's team supervisor, auditors, admin)",
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            client: z.object({ id: z.string(), reference: z.string(), displayName: z.string().nullable(), teamId: z.string() }),
            summary: z.object({
              count: z.number().int(),
              amount: z.number().int(),
              byWorker: z.array(z.object({ workerId: z.string(), name: z.string(), count: z.number().int(), amount: z.number().int() })),
              outcomes: z.record(z.string(), z.number().int()),
            }),
            spends: z.array(
              spendViewSchema.extend({
                workerName: z.string(),
                justification: z.object({ narrative: z.string(), intendedOutcome: z.string() }).nullable(),
                followUp: z.object({ outcome: z.string(), clientView: z.string().nullable(), contactedOn: z.string() }).nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (request) => options.clientHistory.forClient(requireActor(request), request.params.id),
  );
}
