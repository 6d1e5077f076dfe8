import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from "@greentape/domain/workflow-input";
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
        response: {
          200: z.object({
            workerId: z.string(),
            name: z.string(),
            today: z.string(),
            justifications: rate,
            followUps: rate,
            spends: z.object({ count: z.number().int(), amount: z.number().int() }).describe("Their live (not voided) spends, all time"),
            outcomes: z.object(Object.fromEntries(FOLLOW_UP_OUTCOMES.map((o) => [o, z.number().int()])) as Record<FollowUpOutcome, z.ZodNumber>).describe("What their clients said at follow-up"),
          }),
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return options.trackRecord.forWorker(actor, request.query.workerId ?? actor.id);
    },
  );
}
