import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { periodParamsSchema } from "@greentape/contract/params";
import { closePeriodBodySchema, periodDetailSchema, periodListSchema } from "@greentape/contract/periods";
import { requireActor } from "../../plugins/access.ts";
import type { PeriodsService } from "./periods.service.ts";

export async function periodsRoutes(app: FastifyInstance, options: { periods: PeriodsService }) {
  const { periods } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/periods",
    {
      config: { access: ["finance", "auditor", "admin"] },
      schema: {
        tags: ["finance"],
        summary: "Periods with anything booked in them, and closed ones, newest first",
        description: "`count` and `total` (minor units, net of voids and reversals) are what was recorded at close for a closed period. `unjustifiedCount` is what the close showed for a closed period and live for an open one; `liveUnjustifiedCount` is always live.",
        response: { 200: periodListSchema },
      },
    },
    async () => ({ items: await periods.list() }),
  );

  api.get(
    "/api/periods/:period",
    {
      config: { access: ["finance", "auditor", "admin"] },
      schema: { tags: ["finance"], summary: "One period: what the close confirmation shows", params: periodParamsSchema, response: { 200: periodDetailSchema } },
    },
    async (request) => periods.get(request.params.period),
  );

  api.post(
    "/api/periods/:period/close",
    {
      config: { access: ["finance"] },
      schema: {
        tags: ["finance"],
        summary: "Close a month for good: records its count, total and the sha256 of its CSV export",
        description:
          "Send `confirm: true`, and `expectedUnjustified` (the count you were shown) to be refused with 409 if it has changed. Closing twice is 409; a month that has not begun is 400; a month with a category that has no ledger code is 422 `unmapped-categories` (listed in `categories`). Closing freezes the month's rows: every later download of it (CSV, XLSX, JSON, Xero, transparency) is read from them, so gives the same bytes whatever changes afterwards. Spends dated in a closed month are booked into the next open one.",
        params: periodParamsSchema,
        body: closePeriodBodySchema,
        response: { 200: periodDetailSchema },
      },
    },
    async (request) => periods.close(requireActor(request), request.params.period, { expectedUnjustified: request.body.expectedUnjustified }),
  );
}
