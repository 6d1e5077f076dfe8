import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reviewInputSchema } from "@greentape/domain/workflow-input";
import { requireActor } from "../../plugins/access.ts";
import type { ReviewsService } from "./reviews.service.ts";

const spendParams = z.object({ id: z.uuid({ message: "Spend id must be a UUID" }) });
const reviewView = z.object({
  id: z.string(),
  spendId: z.string(),
  reviewer: z.object({ id: z.string(), name: z.string() }),
  decision: z.string(),
  comment: z.string(),
  revision: z.number().int(),
  createdAt: z.string(),
  justificationStatus: z.string(),
  justificationDueOn: z.string(),
});

export async function reviewsRoutes(app: FastifyInstance, options: { reviews: ReviewsService }) {
  const { reviews } = options;
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/spends/:id/reviews",
    {
      config: { access: ["supervisor"] },
      schema: {
        tags: ["workflow"],
        summary: "Review a submitted justification: endorse, query (back to the worker) or concern (to audit)",
        description:
          "A supervisor of the spend's team, never on their own spend (403). A query or concern needs a comment. Reviewing before a justification is submitted, or after a final decision, is 409. A query gives the worker the scheme's days to answer from today.",
        params: spendParams,
        body: reviewInputSchema,
        response: { 201: reviewView },
      },
    },
    async (request, reply) => reply.code(201).send(await reviews.review(requireActor(request), request.params.id, request.body)),
  );
}
