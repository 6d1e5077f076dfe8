import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { reviewQueueQuerySchema, reviewQueueSchema, teamSummaryQuerySchema, teamSummarySchema, todoSchema } from "@greentape/contract/worklists";
import { requireActor } from "../../plugins/access.ts";
import type { WorklistsService } from "./worklists.service.ts";

export async function worklistsRoutes(app: FastifyInstance, options: { worklists: WorklistsService }) {
  const { worklists } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/worklists/todo",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["worklists"],
        summary: "Your own spends that need something: a justification to write, a query to answer, a follow-up, a receipt; soonest due first",
        description: "`add_receipt`: a live spend with no receipt and no declaration that it was lost. It is wanted with the justification, so it takes that date, and is never overdue.",
        response: { 200: todoSchema },
      },
    },
    async (request) => worklists.todo(requireActor(request)),
  );

  api.get(
    "/api/worklists/review-queue",
    {
      config: { access: ["supervisor"] },
      schema: {
        tags: ["worklists"],
        summary: "Your team's justifications waiting for review, oldest first, with flags and the client's earlier spends and outcomes",
        description: "Your own spends are never in your queue: nobody reviews their own spend.",
        querystring: reviewQueueQuerySchema,
        response: { 200: reviewQueueSchema },
      },
    },
    async (request) => worklists.reviewQueue(requireActor(request), request.query),
  );

  api.get(
    "/api/worklists/team-summary",
    {
      config: { access: ["supervisor", "auditor", "admin"] },
      schema: {
        tags: ["worklists"],
        summary: "A team's spend against each scheme's budget in a period, its overdue work now, and the mix of follow-up outcomes",
        description: "Supervisors get their own team; auditors and admins pass `teamId`. `period` defaults to the current month.",
        querystring: teamSummaryQuerySchema,
        response: { 200: teamSummarySchema },
      },
    },
    async (request) => worklists.teamSummary(requireActor(request), request.query),
  );
}
