import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { trackRecordQuerySchema, trackRecordSchema } from "@greentape/contract/track-record";
import { requireActor } from "../../plugins/access.ts";
import type { TrackRecordService } from "./track-record.service.ts";

export async function trackRecordRoutes(app: FastifyInstance, options: { trackRecord: TrackRecordService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/track-record",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["workflow"],
        summary: "A worker's on-time rate for justifications and follow-ups (their own, or a team member's for their supervisor)",
        querystring: trackRecordQuerySchema,
        response: {
          200: trackRecordSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return options.trackRecord.forWorker(actor, request.query.workerId ?? actor.id);
    },
  );
}
