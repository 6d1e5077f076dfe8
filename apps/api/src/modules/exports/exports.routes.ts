import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isValidPeriod } from "@greentape/domain/dates";
import { breakdownSchema } from "@greentape/contract/periods";
import { XERO_ACCOUNT_CODE } from "@greentape/domain/export-rows";
import { requireActor } from "../../plugins/access.ts";
import { CSV_FORMATS, EXPORT_FORMATS, type ExportFile, type ExportsService } from "./exports.service.ts";

const periodParams = z.object({ period: z.string().refine(isValidPeriod, "Period must be a month like 2026-03") });

const bomQuery = z
  .enum(["true", "false"], { message: "bom must be true or false" })
  .transform((value) => value === "true")
  .default(false)
  .describe("`true` starts the CSV with a UTF-8 byte order mark, so Excel on Windows reads £ and accents right. The sha256 recorded at close is of the file without it.");

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
        params: periodParams,
        querystring: z
          .object({
            format: z.enum(EXPORT_FORMATS, { message: `Format must be one of ${EXPORT_FORMATS.join(", ")}` }).default("csv"),
            clearingAccount: z.string().regex(XERO_ACCOUNT_CODE, "Clearing account must be a Xero account code: 1-10 letters, digits, dots or dashes").optional(),
            bom: bomQuery,
          })
          .refine((query) => !query.bom || CSV_FORMATS.includes(query.format), { message: `bom applies to the CSV formats only (${CSV_FORMATS.join(", ")})`, path: ["bom"] }),
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
        params: periodParams,
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
        params: periodParams,
        querystring: z.object({ bom: bomQuery }),
      },
    },
    async (request, reply) => sendFile(reply, await exports.transparency(requireActor(request), request.params.period, { bom: request.query.bom })),
  );
}
