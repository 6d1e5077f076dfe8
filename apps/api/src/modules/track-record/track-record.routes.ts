import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { requireActor } from "../../plugins/access.ts";
import type { TrackRecordService } from "./track-record.service.ts";

const rate = z.object({ judged: z.number().int(), onTime: z.number().int(), late: z.number().int(), rate: z.number().nullable() });

export async function trackRecordRoutes(app: FastifyInstance, options: { trackRecord: TrackRecordService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/track-record",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["workflow"],
        summary: "A worker's on-time rate for justifications and follow-ups (their own, or a team member's for their supervisor)",
        querystring: z.object({ workerId: z.uuid().optional() }),
        response: { 200: z.object({ workerId: z.string(), name: z.string(), today: z.string(), justifications: rate, followUps: rate }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return options.trackRecord.forWorker(actor, request.query.workerId ?? actor.id);
    },
  );
}
