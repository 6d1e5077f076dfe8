import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { spendInputSchema } from "@greentape/domain/spend-input";
import { spendParamsSchema } from "@greentape/contract/params";
import {
  logSpendHeadersSchema,
  monthTotalQuerySchema,
  monthTotalSchema,
  spendDetailSchema,
  spendListQuerySchema,
  spendPageSchema,
  spendViewSchema,
  voidSpendBodySchema,
} from "@greentape/contract/spends";
import { requireActor } from "../../plugins/access.ts";
import type { SpendsService } from "./spends.service.ts";
import { toSpendView } from "./spend-view.ts";

export async function spendsRoutes(app: FastifyInstance, options: { spends: SpendsService }) {
  const { spends } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/spends",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["spends"],
        summary: "Log a spend (no approval step); caps are held in the same transaction",
        description:
          "Send an `Idempotency-Key` header (1-255 characters). The same key and body again returns the same spend; the same key with a different body gets 409. Over a cap: 422 with `type` ending `/cap-exceeded` and `cap`, `limit`, `remaining`.",
        headers: logSpendHeadersSchema,
        body: spendInputSchema,
        response: { 201: spendViewSchema },
      },
    },
    async (request, reply) => {
      const { spend, replayed } = await spends.log(requireActor(request), request.body, request.headers["idempotency-key"]);
      if (replayed) reply.header("Idempotent-Replayed", "true");
      return reply.code(201).send(toSpendView(spend, spends.today()));
    },
  );

  api.get(
    "/api/spends",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["spends"],
        summary: "Spends the caller may see, newest first",
        querystring: spendListQuerySchema,
        response: {
          200: spendPageSchema,
        },
      },
    },
    async (request) => {
      const { cursor, limit, ...filter } = request.query;
      return spends.list(requireActor(request), filter, { cursor, limit });
    },
  );

  api.get(
    "/api/me/month-total",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["spends"],
        summary: "What the caller spent in a month: their spends made in it, voided ones left out",
        description: "`period` defaults to the council's current month. Amounts are minor units, one total per currency (an empty list when nothing was spent).",
        querystring: monthTotalQuerySchema,
        response: {
          200: monthTotalSchema,
        },
      },
    },
    async (request) => spends.monthTotal(requireActor(request), request.query.period),
  );

  api.get(
    "/api/spends/:id",
    {
      config: { access: "signed-in" },
      schema: { tags: ["spends"], summary: "A spend with its tracks, receipts, justification, reviews, follow-up, comments and timeline", params: spendParamsSchema, response: { 200: spendDetailSchema } },
    },
    async (request) => spends.detail(requireActor(request), request.params.id),
  );

  api.post(
    "/api/spends/:id/void",
    {
      config: { access: ["worker", "supervisor", "admin"] },
      schema: {
        tags: ["spends"],
        summary: "Void a spend: its worker within 24 hours, or an admin; nothing is deleted",
        description: "A spend an auditor has recorded a finding on cannot be voided: 409 `under-audit`, and nothing changes.",
        params: spendParamsSchema,
        body: voidSpendBodySchema,
        response: { 200: spendDetailSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await spends.void(actor, request.params.id, request.body.reason);
      return spends.detail(actor, request.params.id);
    },
  );
}
