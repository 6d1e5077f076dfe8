import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { periodParamsSchema } from "@greentape/contract/params";
import { breakdownSchema, exportQuerySchema, transparencyQuerySchema } from "@greentape/contract/periods";
import { requireActor } from "../../plugins/access.ts";
import type { ExportFile, ExportsService } from "./exports.service.ts";

function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .type(file.contentType)
    .header("Content-Disposition", `attachment; filename="${file.filename}"`)
    .header("Cache-Control", "private, no-store")
    .send(file.body);
}

export async function exportsRoutes(app: FastifyInstance, options: { exports: ExportsService }) {
  const { exports } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/exports/:period",
    {
      config: { access: ["finance", "auditor"] },
      // A HEAD would open a database cursor for a body nobody reads.
      exposeHeadRoute: false,
      schema: {
        tags: ["finance"],
        summary: "The period's spends and reversals as CSV, XLSX, JSON or a Xero manual journal, streamed",
        description:
          "One row per spend booked in the period (voided ones marked) and one per reversal booked in it: spends in the order they were logged, then reversals. Client references only, never names. `Amount` is the spend's own amount; `Net amount` is what the row adds to the period (0 on a voided spend, negative on a reversal), so summing it gives the period total. In the XLSX, `Date spent` and `Logged at` are date cells, `Logged at` in the council's time zone (the CSV and JSON keep ISO 8601 UTC). A closed period gives the same bytes every time; the CSV's sha256 is recorded at close. `xero` gives one debit per team and GL code and a balancing credit per team to `clearingAccount`.",
        params: periodParamsSchema,
        querystring: exportQuerySchema,
      },
    },
    async (request, reply) => {
      const { format, clearingAccount, bom } = request.query;
      return sendFile(reply, await exports.download(requireActor(request), request.params.period, format, { clearingAccount, bom }));
    },
  );

  api.get(
    "/api/periods/:period/breakdown",
    {
      config: { access: ["finance", "auditor", "admin"] },
      schema: {
        tags: ["finance"],
        summary: "The period's spends and net total by team, category, scheme and payment method",
        description:
          "Summed from the rows the period's files are made of (for a closed month, the rows frozen at its close), so every dimension adds up to the period's `count` and `total`. A month nothing was booked in has empty groups.",
        params: periodParamsSchema,
        response: { 200: breakdownSchema },
      },
    },
    async (request) => exports.breakdown(request.params.period),
  );

  api.get(
    "/api/exports/:period/transparency.csv",
    {
      config: { access: ["finance"] },
      exposeHeadRoute: false,
      schema: {
        tags: ["finance"],
        summary: "The Local Government Transparency Code publication for the period: no client data; private individuals redacted",
        params: periodParamsSchema,
        querystring: transparencyQuerySchema,
      },
    },
    async (request, reply) => sendFile(reply, await exports.transparency(requireActor(request), request.params.period, { bom: request.query.bom })),
  );
}
