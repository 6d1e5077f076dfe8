import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { clientHistorySchema } from "@greentape/contract/client-history";
import { clientParamsSchema } from "@greentape/contract/client-requests";
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
        params: clientParamsSchema,
        response: { 200: clientHistorySchema },
      },
    },
    async (request) => options.clientHistory.forClient(requireActor(request), request.params.id),
  );
}
