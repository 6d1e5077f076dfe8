import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isValidPeriod } from "@greentape/domain/dates";
import { FOLLOW_UP_OUTCOMES } from "@greentape/domain/workflow-input";
import { spendViewSchema } from "@greentape/contract/spends";
import { requireActor } from "../../plugins/access.ts";
import { NEEDS, type WorklistsService } from "./worklists.service.ts";

const person = z.object({ id: z.string(), name: z.string() });
const todoItem = z.object({ need: z.enum(NEEDS), dueOn: z.string(), overdue: z.boolean(), spend: spendViewSchema });

const queueItem = z.object({
  spend: spendViewSchema,
  worker: person,
  client: z.object({ id: z.string(), reference: z.string() }),
  justification: z.object({ narrative: z.string(), intendedOutcome: z.string(), revision: z.number().int(), submittedAt: z.string() }).nullable(),
  reviews: z.array(z.object({ id: z.string(), reviewer: person, decision: z.string(), comment: z.string(), revision: z.number().int(), createdAt: z.string() })),
  clientHistory: z.array(
    z.object({
      spendId: z.string(),
      spentOn: z.string(),
      amount: z.number().int(),
      currency: z.string(),
      category: z.string(),
      payee: z.string(),
      workerId: z.string(),
      worker: person,
      justificationStatus: z.string(),
      followUpStatus: z.string(),
      outcome: z.string().nullable(),
      clientView: z.string().nullable(),
    }),
  ),
});

const teamSummary = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  period: z.string(),
  today: z.string(),
  schemes: z.array(
    z.object({
      schemeId: z.string(),
      schemeVersion: z.number().int(),
      name: z.string(),
      currency: z.string(),
      teamMonthlyBudget: z.number().int().nullable(),
      spent: z.number().int(),
      remaining: z.number().int().nullable(),
      spendCount: z.number().int(),
    }),
  ),
  overdue: z.object({ justifications: z.number().int(), followUps: z.number().int(), items: z.array(todoItem.extend({ worker: person })) }),
  outcomes: z.record(z.enum(FOLLOW_UP_OUTCOMES), z.number().int()),
});

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
        response: { 200: z.object({ today: z.string(), items: z.array(todoItem) }) },
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
        querystring: z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(50).default(20) }),
        response: { 200: z.object({ items: z.array(queueItem), nextCursor: z.string().nullable(), waiting: z.number().int().describe("How many wait in all, across every page") }) },
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
        querystring: z.object({ period: z.string().refine(isValidPeriod, "Period must look like 2026-03").optional(), teamId: z.uuid({ message: "Team id must be a UUID" }).optional() }),
        response: { 200: teamSummary },
      },
    },
    async (request) => worklists.teamSummary(requireActor(request), request.query),
  );
}
