import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { reviewInputSchema } from "@greentape/domain/workflow-input";
import { spendParamsSchema } from "@greentape/contract/params";
import { reviewViewSchema } from "@greentape/contract/reviews";
import { requireActor } from "../../plugins/access.ts";
import type { ReviewsService } from "./reviews.service.ts";

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
        params: spendParamsSchema,
        body: reviewInputSchema,
        response: { 201: reviewViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await reviews.review(requireActor(request), request.params.id, request.body)),
  );
}
