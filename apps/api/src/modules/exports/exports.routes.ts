import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isValidPeriod } from "@greentape/domain/dates";
import { XERO_ACCOUNT_CODE } from "@greentape/domain/export-rows";
import { requireActor } from "../../plugins/access.ts";
import { EXPORT_FORMATS, type ExportFile, type ExportsService } from "./exports.service.ts";

const periodParams = z.object({ period: z.string().refine(isValidPeriod, "Period must be a month like 2026-03") });

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
          "One row per spend booked in the period (voided ones marked) and one per reversal booked in it: spends in the order they were logged, then reversals. Client references only, never names. A closed period gives the same bytes every time; the CSV's sha256 is recorded at close. `xero` gives one debit per team and GL code and a balancing credit per team to `clearingAccount`.",
        params: periodParams,
        querystring: z.object({
          format: z.enum(EXPORT_FORMATS, { message: `Format must be one of ${EXPORT_FORMATS.join(", ")}` }).default("csv"),
          clearingAccount: z.string().regex(XERO_ACCOUNT_CODE, "Clearing account must be a Xero account code: 1-10 letters, digits, dots or dashes").optional(),
        }),
      },
    },
    async (request, reply) => {
      const { format, clearingAccount } = request.query;
      return sendFile(reply, await exports.download(requireActor(request), request.params.period, format, { clearingAccount }));
    },
  );

  api.get(
    "/api/exports/:period/transparency.csv",
    {
      config: { access: ["finance"] },
      exposeHeadRoute: false,
      schema: {
        tags: ["finance"],
        summary: "The Local Government Transparency Code publication for the period: no client data; private individuals redacted",
        params: periodParams,
      },
    },
    async (request, reply) => sendFile(reply, await exports.transparency(requireActor(request), request.params.period)),
  );
}
