import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { commentInputSchema } from "@greentape/domain/workflow-input";
import { requireActor } from "../../plugins/access.ts";
import type { CommentsService } from "./comments.service.ts";

const spendParams = z.object({ id: z.uuid({ message: "Spend id must be a UUID" }) });
const commentView = z.object({ id: z.string(), spendId: z.string(), author: z.object({ id: z.string(), name: z.string() }), body: z.string(), visibility: z.string(), createdAt: z.string() });

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
        params: spendParams,
        body: commentInputSchema,
        response: { 201: commentView },
      },
    },
    async (request, reply) => reply.code(201).send(await comments.add(requireActor(request), request.params.id, request.body)),
  );
}
