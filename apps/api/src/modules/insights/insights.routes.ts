import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { outcomesCompareQuerySchema, outcomesQuerySchema, publicSummaryQuerySchema, spanQuerySchema, uptakeQuerySchema } from "@greentape/domain/insights-input";
import { publicSummaryCsv, publicSummarySchema } from "@greentape/domain/public-summary";
import { requireActor } from "../../plugins/access.ts";
import type { Actor } from "../../plugins/access.ts";
import { equityResponseSchema, outcomesCompareResponseSchema, outcomesResponseSchema, summaryResponseSchema, uptakeResponseSchema } from "@greentape/contract/insights";
import type { InsightsService } from "./insights.service.ts";

/** Supervisors (own team), auditor, finance, admin; workers get 403 (permissions.ts: canSeeInsights). */
const INSIGHTS_ACCESS = ["supervisor", "auditor", "finance", "admin"] as const;

export async function insightsRoutes(app: FastifyInstance, options: { insights: InsightsService }) {
  const { insights } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** An office insight: a GET of a query, answered for whoever asks within what their role may see. */
  function insight<Q extends z.core.$ZodType, R extends z.core.$ZodType>(route: {
    url: string;
    summary: string;
    description: string;
    querystring: Q;
    response: R;
    answer(actor: Actor, query: z.output<Q>): Promise<z.input<R>>;
  }) {
    // The type provider cannot resolve a schema that is still a type parameter, so the route sees
    // plain zod types; `insight`'s own signature checks each caller's query and answer instead.
    const querystring: z.core.$ZodType = route.querystring;
    const response: z.core.$ZodType = route.response;
    api.get(
      route.url,
      { config: { access: INSIGHTS_ACCESS }, schema: { tags: ["insights"], summary: route.summary, description: route.description, querystring, response: { 200: response } } },
      async (request) => route.answer(requireActor(request), request.query as z.output<Q>),
    );
  }

  insight({
    url: "/api/insights/outcomes",
    summary: "What clients said, by category, team, scheme or month, over a span of months",
    description: "Live spends whose month is from `from` to `to` (inclusive), grouped. `helped` = helped_a_lot + helped_a_little out of `reached` (follow-ups other than could_not_contact), with its 95% Wilson interval; `tooFewToTell` below 10 reached. A supervisor sees their own team only (`teamId` defaults to it); auditor, finance and admin any team or all.",
    querystring: outcomesQuerySchema,
    response: outcomesResponseSchema,
    answer: (actor, query) => insights.outcomes(actor, query),
  });

  insight({
    url: "/api/insights/outcomes/compare",
    summary: "Two groups' helped rates side by side, with the difference and its Newcombe interval",
    description: "`first` and `second` are keys of the grouping: two categories, two team ids, two scheme ids or two months. A key with no spends in the span gives a group of zeros.",
    querystring: outcomesCompareQuerySchema,
    response: outcomesCompareResponseSchema,
    answer: (actor, query) => insights.compareOutcomes(actor, query),
  });

  insight({
    url: "/api/insights/uptake",
    summary: "How much of the freedom each team uses in a month, and how many have not used it in 90 days",
    description: "`period` defaults to this month. A supervisor sees their own team, with the names of those who have not spent in 90 days; the others see counts for any team or all. Teams are listed by name, never ranked.",
    querystring: uptakeQuerySchema,
    response: uptakeResponseSchema,
    answer: (actor, query) => insights.uptake(actor, query),
  });

  insight({
    url: "/api/insights/equity",
    summary: "Who the spend reaches: Lorenz curve and Gini of spend per client, and each equality-monitoring group's share of spend beside its share of the caseload",
    description: "The caseload is the team's clients (every client with no `teamId`, for auditor, finance and admin). Clients' own answers are never returned, only the groups' totals.",
    querystring: spanQuerySchema,
    response: equityResponseSchema,
    answer: (actor, query) => insights.equity(actor, query),
  });

  insight({
    url: "/api/insights/summary",
    summary: "Value beside misuse for a span: spent, on how many clients, how many helped; what audit found; and the speed of the loop",
    description: "Audit figures come from each month's latest sample in the span, items of spends in scope. A supervisor sees their own team.",
    querystring: spanQuerySchema,
    response: summaryResponseSchema,
    answer: (actor, query) => insights.summary(actor, query),
  });

  api.get(
    "/api/public/summary",
    {
      config: { access: "public" },
      schema: {
        tags: ["insights"],
        summary: "The year's figures for the public, no sign-in: money and outcomes by category and team, the audit result and the loop's speed",
        description:
          "A calendar year. Every count under 5 is null and named in `suppressed`, with whatever rests on it (an amount on its spends, a rate on its counts), and a lone small cell beside a total takes the next smallest with it. Never a client, a worker, an email or a payee. `format=csv` gives one row per figure: section, group, measure, value (\"suppressed\" where withheld).",
        security: [],
        querystring: publicSummaryQuerySchema,
        response: { 200: z.union([publicSummarySchema, z.string()]) },
      },
    },
    async (request, reply) => {
      const summary = await insights.publicSummary(Number(request.query.year));
      // Published figures with no one's data in them: a cache may keep them, asking again each time.
      reply.header("Cache-Control", "no-cache");
      if (request.query.format === "json") return summary;
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="green-tape-summary-${summary.year}.csv"`)
        .send(publicSummaryCsv(summary));
    },
  );
}
