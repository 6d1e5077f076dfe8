import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { commentInputSchema } from "@greentape/domain/workflow-input";
import { commentViewSchema } from "@greentape/contract/comments";
import { spendParamsSchema } from "@greentape/contract/params";
import { requireActor } from "../../plugins/access.ts";
import type { CommentsService } from "./comments.service.ts";


export async function commentsRoutes(app: FastifyInstance, options: { comments: CommentsService }) {
  const { comments } = options;
  app.withTypeProvider<ZodTypeProvider>().post(
    "/api/spends/:id/comments",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["workflow"],
        summary: "Comment on a spend you may see; `visibility: reviewers` makes a note workers never see",
        description: "Reviewer-only notes may be written by supervisors, auditors and admins (others get 403 naming `visibility`). They are left out of every answer a worker gets.",
        params: spendParamsSchema,
        body: commentInputSchema,
        response: { 201: commentViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await comments.add(requireActor(request), request.params.id, request.body)),
  );
}
