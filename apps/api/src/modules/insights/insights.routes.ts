import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { outcomesCompareQuerySchema, outcomesQuerySchema } from "@greentape/domain/insights-input";
import { requireActor } from "../../plugins/access.ts";
import { outcomesCompareResponseSchema, outcomesResponseSchema } from "./insights.schemas.ts";
import type { InsightsService } from "./insights.service.ts";

/** Supervisors (own team), auditor, finance, admin; workers get 403 (permissions.ts: canSeeInsights). */
const INSIGHTS_ACCESS = ["supervisor", "auditor", "finance", "admin"] as const;

export async function insightsRoutes(app: FastifyInstance, options: { insights: InsightsService }) {
  const { insights } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/insights/outcomes",
    {
      config: { access: INSIGHTS_ACCESS },
      schema: {
        tags: ["insights"],
        summary: "What clients said, by category, team, scheme or month, over a span of months",
        description:
          "Live spends whose month is from `from` to `to` (inclusive), grouped. `helped` = helped_a_lot + helped_a_little out of `reached` (follow-ups other than could_not_contact), with its 95% Wilson interval; `tooFewToTell` below 10 reached. A supervisor sees their own team only (`teamId` defaults to it); auditor, finance and admin any team or all.",
        querystring: outcomesQuerySchema,
        response: { 200: outcomesResponseSchema },
      },
    },
    async (request) => insights.outcomes(requireActor(request), request.query),
  );

  api.get(
    "/api/insights/outcomes/compare",
    {
      config: { access: INSIGHTS_ACCESS },
      schema: {
        tags: ["insights"],
        summary: "Two groups' helped rates side by side, with the difference and its Newcombe interval",
        description: "`first` and `second` are keys of the grouping: two categories, two team ids, two scheme ids or two months. A key with no spends in the span gives a group of zeros.",
        querystring: outcomesCompareQuerySchema,
        response: { 200: outcomesCompareResponseSchema },
      },
    },
    async (request) => insights.compareOutcomes(requireActor(request), request.query),
  );
}
