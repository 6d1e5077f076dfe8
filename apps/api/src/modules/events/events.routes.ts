import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "@greentape/db/client";
import { verifyEventChain } from "@greentape/db/event-log";

const verdictSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().optional(),
  reason: z.string().optional(),
  headId: z.number().int().optional(),
  headHash: z.string().optional(),
});

export async function eventsRoutes(app: FastifyInstance, options: { db: Db }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/audit/events/verify",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["audit"],
        summary: "Recompute the event log's hash chain and name the first broken row",
        description: "Pass a head published earlier (`expectHeadId` and `expectHeadHash`) to prove the chain was not rewritten wholesale.",
        querystring: z
          .object({ expectHeadId: z.coerce.number().int().positive().optional(), expectHeadHash: z.string().regex(/^[0-9a-f]{64}$/).optional() })
          .refine((q) => (q.expectHeadId === undefined) === (q.expectHeadHash === undefined), {
            message: "give both expectHeadId and expectHeadHash, or neither",
            path: ["expectHeadHash"],
          }),
        response: { 200: verdictSchema },
      },
    },
    async (request) => {
      const { expectHeadId, expectHeadHash } = request.query;
      const knownHead = expectHeadId !== undefined && expectHeadHash !== undefined ? { id: expectHeadId, hash: expectHeadHash } : undefined;
      return verifyEventChain(options.db, knownHead);
    },
  );
}
