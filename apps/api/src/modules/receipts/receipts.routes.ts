import type { FastifyInstance } from "fastify";
import fastifyMultipart from "@fastify/multipart";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ValidationError } from "@greentape/domain/errors";
import { hasControlCharacter } from "@greentape/domain/text";
import { spendParamsSchema } from "@greentape/contract/params";
import { receiptLostBodySchema, receiptLostViewSchema, receiptParamsSchema, receiptViewSchema } from "@greentape/contract/receipts";
import { requireActor } from "../../plugins/access.ts";
import { MAX_RECEIPT_BYTES } from "./receipt-file.ts";
import type { ReceiptsService } from "./receipts.service.ts";

const RECEIPT_EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf" };

export async function receiptsRoutes(app: FastifyInstance, options: { receipts: ReceiptsService }) {
  const { receipts } = options;
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_RECEIPT_BYTES, files: 1, fields: 5, parts: 6 } });
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/api/spends/:id/receipts",
    {
      config: { access: ["worker", "supervisor"] },
      bodyLimit: MAX_RECEIPT_BYTES + 64 * 1024,
      schema: {
        tags: ["receipts"],
        summary: "Upload one receipt (multipart field `file`): JPEG, PNG, WebP or PDF by content, up to 10 MB; images lose their EXIF; the same file again returns the same receipt",
        consumes: ["multipart/form-data"],
        params: spendParamsSchema,
        response: { 201: receiptViewSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw ValidationError.field("file", "Send the receipt as multipart/form-data with a field named file");
      const part = await request.file();
      if (!part) throw ValidationError.field("file", "Attach a receipt file");
      // The name is kept beside the receipt: the JSON body's NUL check does not see inside multipart.
      if (part.filename && hasControlCharacter(part.filename)) throw ValidationError.field("file", "The file's name must not contain control characters; rename it and try again");
      const bytes = await part.toBuffer().catch((error: { code?: string }) => {
        if (error.code === "FST_REQ_FILE_TOO_LARGE") throw ValidationError.field("file", "A receipt must be 10 MB or smaller");
        throw error;
      });
      return reply.code(201).send(await receipts.upload(requireActor(request), request.params.id, { bytes, filename: part.filename }));
    },
  );

  api.get(
    "/api/spends/:id/receipts/:receiptId",
    {
      config: { access: "signed-in" },
      schema: { tags: ["receipts"], summary: "Download a receipt (only for those who may see the spend)", params: receiptParamsSchema },
    },
    async (request, reply) => {
      const file = await receipts.download(requireActor(request), request.params.id, request.params.receiptId);
      // Always a download, never a page of ours: an uploaded PDF may carry script, and opened inline
      // under this origin it would run with the reader's session. The sandbox holds even if a
      // browser renders it anyway.
      return reply
        .type(file.contentType)
        .header("Cache-Control", "private, no-store")
        .header("Content-Disposition", `attachment; filename="receipt-${request.params.receiptId}.${RECEIPT_EXTENSIONS[file.contentType] ?? "bin"}"`)
        .header("Content-Security-Policy", "sandbox")
        .header("X-Content-Type-Options", "nosniff")
        .header("Digest", `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`)
        .send(file.bytes);
    },
  );

  api.post(
    "/api/spends/:id/receipt-lost",
    {
      config: { access: ["worker", "supervisor"] },
      schema: {
        tags: ["receipts"],
        summary: "Declare a receipt lost: what was bought and why there is no receipt; the same declaration again returns the first, a different one is 409",
        params: spendParamsSchema,
        body: receiptLostBodySchema,
        response: { 201: receiptLostViewSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await receipts.declareLost(requireActor(request), request.params.id, request.body)),
  );
}
