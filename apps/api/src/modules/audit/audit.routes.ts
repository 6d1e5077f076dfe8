import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { drawSampleInputSchema, findingInputSchema } from "@greentape/domain/audit-input";
import { isValidPeriod } from "@greentape/domain/dates";
import { auditQueueSchema, reportSchema, sampleDetailSchema, sampleItemDetailSchema, sampleListSchema, sampleSchema, verifySchema } from "@greentape/contract/audit";
import { requireActor } from "../../plugins/access.ts";
import type { AuditService } from "./audit.service.ts";
import { reportCsv, reportHtml } from "./report-formats.ts";

const sampleParams = z.object({ id: z.uuid({ message: "Sample id must be a UUID" }) });
const itemParams = sampleParams.extend({ spendId: z.uuid({ message: "Spend id must be a UUID" }) });



export async function auditRoutes(app: FastifyInstance, options: { audit: AuditService; council: { name: string; timeZone: string } }) {
  const { audit, council } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/audit/samples",
    {
      config: { access: ["auditor"] },
      schema: {
        tags: ["audit"],
        summary: "Draw a reproducible sample of a period's spends: a random part plus risk strata",
        description:
          "The population is the spends booked in the period (finance's month), sorted by id: for a closed month the rows frozen at its close, so a late spend dated in it or a void after close does not change it. The random part uses Rivest's SHA-256 sampler (or monetary unit sampling) from `seed`; with no seed the server draws 128 random bits. Size: `size`, or `rate` of the population rounded up, else for `monetary_unit` ceil(total × R / `tolerableMisstatement`) hits (R = −ln(1 − confidence); `tolerableMisstatement` defaults to `tolerableRate` of the total; an `expectedMisstatement` takes the AICPA expansion factor), else attribute sampling at `confidence` for `tolerableRate` with no deviations expected. Unless `riskRules` is false, every spend with a concern, a risk flag, an amount at or above `topStratumAmount`, a justification overdue by more than `overdueDays` or a lost receipt is added with all its reasons. A period with no spends: 422 `empty-population`.",
        body: drawSampleInputSchema,
        response: { 201: sampleSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await audit.draw(requireActor(request), request.body)),
  );

  api.get(
    "/api/audit/samples",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["audit"],
        summary: "Samples drawn, newest first",
        querystring: z.object({
          period: z.string().refine(isValidPeriod, "Period must look like 2026-03").optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: sampleListSchema },
      },
    },
    async (request) => {
      const { cursor, limit, period } = request.query;
      return audit.list({ period }, { cursor, limit });
    },
  );

  api.get(
    "/api/audit/samples/:id",
    {
      config: { access: ["auditor", "admin"] },
      schema: { tags: ["audit"], summary: "A sample with its items, each with the spend and its finding", params: sampleParams, response: { 200: sampleDetailSchema } },
    },
    async (request) => audit.detail(request.params.id),
  );

  api.get(
    "/api/audit/samples/:id/verify",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["audit"],
        summary: "Redraw the random part from the recorded seed and parameters over the period's spends as they are now",
        description: "`matches` is true when the population is unchanged (same dataset digest) and the redraw gives the recorded spends in order. `populationChanged` is true once a spend booked in the period was added or voided after the draw; `joined` and `left` name those spends.",
        params: sampleParams,
        response: { 200: verifySchema },
      },
    },
    async (request) => audit.verify(request.params.id),
  );

  api.put(
    "/api/audit/samples/:id/items/:spendId/finding",
    {
      config: { access: ["auditor"] },
      schema: {
        tags: ["audit"],
        summary: "Record or amend the finding on a sampled spend",
        description: "A deviation (`minor`, `major`, `misuse_suspected`) needs notes. On a monetary-unit sample, `misstatement` is the book amount less the audited amount (minor units, 0 to the amount). 404 when the spend is not in that sample.",
        params: itemParams,
        body: findingInputSchema,
        response: { 200: sampleItemDetailSchema },
      },
    },
    async (request) => audit.recordFinding(requireActor(request), request.params.id, request.params.spendId, request.body),
  );

  api.get(
    "/api/audit/samples/:id/report",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["audit"],
        summary: "The sample report: deviations found and the upper deviation limit at the sample's confidence",
        description:
          "A deviation is a finding of `minor`, `major` or `misuse_suspected`. Totals count every reviewed item; `upperDeviationLimit` is the exact one-sided hypergeometric limit over the sample's known population (`upperLimitMethod`), from the random stratum only, the part that speaks for the whole period: the largest number of deviations D with P(X ≤ k | N, D, n) > 5%, as D / N; when every spend was checked it is the observed rate. A monetary-unit sample adds `monetaryUnit`: the Stringer upper misstatement limit in minor units, and the statement bounds misstatement in money. `format=csv` gives one row per item, with the worker's name, team and the client's reference beside their ids; `format=html` a printable page in words (results, strata, methods) with dates in the council's time zone.",
        params: sampleParams,
        querystring: z.object({ format: z.enum(["json", "csv", "html"]).default("json") }),
        response: { 200: z.union([reportSchema, z.string().describe("With format=csv or format=html: the file itself")]) },
      },
    },
    async (request, reply) => {
      const { report, items } = await audit.report(request.params.id);
      const name = `audit-sample-${report.sample.period}-${report.sample.id}`;
      // Working papers about named staff: never kept by a shared cache.
      reply.header("Cache-Control", "private, no-store");
      switch (request.query.format) {
        case "csv":
          return reply.type("text/csv; charset=utf-8").header("Content-Disposition", `attachment; filename="${name}.csv"`).send(reportCsv(items));
        case "html":
          return reply.type("text/html; charset=utf-8").header("Content-Disposition", `inline; filename="${name}.html"`).send(reportHtml(report, items, council));
        default:
          return report;
      }
    },
  );

  api.get(
    "/api/audit/queue",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["audit"],
        summary: "The auditor's queue: supervisor concerns no finding has answered, and sampled spends awaiting a finding",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
        response: { 200: auditQueueSchema },
      },
    },
    async (request) => audit.queue(request.query.limit),
  );
}
