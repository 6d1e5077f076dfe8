import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  MAX_LOG_PAGE,
  checkpointsQuerySchema,
  checkpointsSchema,
  consistencyQuerySchema,
  consistencySchema,
  inclusionQuerySchema,
  inclusionSchema,
  logEntriesQuerySchema,
  logTextSchema,
  logEntriesSchema,
  logVerdictSchema,
  spendEventParamsSchema,
  spendEventProofSchema,
  verifyLogQuerySchema,
} from "@greentape/contract/log";
import { requireActor } from "../../plugins/access.ts";
import type { LogService } from "./log.service.ts";

const TEXT = "text/plain; charset=utf-8";
export async function logRoutes(app: FastifyInstance, options: { log: LogService }) {
  const { log } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/log/key",
    {
      config: { access: "public" },
      schema: {
        tags: ["log"],
        summary: "The checkpoint verifier key (C2SP vkey: name+keyid+base64(0x01 || Ed25519 public key))",
        security: [],
        response: { 200: logTextSchema },
      },
    },
    async (_request, reply) => reply.type(TEXT).send(`${log.verifierKey()}\n`),
  );

  api.get(
    "/api/log/checkpoint",
    {
      config: { access: "public" },
      schema: {
        tags: ["log"],
        summary: "The latest signed checkpoint (C2SP tlog-checkpoint in a C2SP signed note)",
        description: "Origin, tree size and base64 root hash, each on a line; an empty line; then `— <name> <base64(key id || Ed25519 signature)>`. Keep it: a later checkpoint must be consistent with it.",
        security: [],
        response: { 200: logTextSchema },
      },
    },
    async (_request, reply) => reply.type(TEXT).header("Cache-Control", "no-cache").send(await log.latestCheckpoint()),
  );

  api.get(
    "/api/log/entries",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["log"],
        summary: `Log entries start ≤ i < end (at most ${MAX_LOG_PAGE} at a time), each with its canonical text and leaf hash`,
        description: "`leafHash` is hex SHA-256(0x00 || canonical); `JSON.parse(canonical)` holds the event's type, subjectType, subjectId, actorId, occurredAt and data. `end` past the latest checkpoint's size is cut to it; `start` at or past it is 400.",
        querystring: logEntriesQuerySchema,
        response: { 200: logEntriesSchema },
      },
    },
    async (request) => log.entries(request.query.start, request.query.end),
  );

  api.get(
    "/api/log/checkpoints",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["log"],
        summary: "Every checkpoint the log signed, one per sealed batch, for sizes past `after`, oldest first",
        description: `At most \`limit\` (up to ${MAX_LOG_PAGE}). A verifier checks each one's signature and root as it rebuilds the tree, so a changed entry is pinned to the batch it was sealed in.`,
        querystring: checkpointsQuerySchema,
        response: { 200: checkpointsSchema },
      },
    },
    async (request) => log.checkpoints(request.query.after, request.query.limit),
  );

  api.get(
    "/api/log/proofs/inclusion",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["log"],
        summary: "Proof that entry `index` is in the tree of `treeSize` entries (RFC 9162 §2.1.3)",
        description: "`index` at or past `treeSize`, or `treeSize` past the latest checkpoint, is 400.",
        querystring: inclusionQuerySchema,
        response: { 200: inclusionSchema },
      },
    },
    async (request) => log.inclusionProof(request.query.index, request.query.treeSize),
  );

  api.get(
    "/api/log/proofs/consistency",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["log"],
        summary: "Proof that the tree of `from` entries is a prefix of the tree of `to` (RFC 9162 §2.1.4)",
        description: "`from` past `to`, or `to` past the latest checkpoint, is 400.",
        querystring: consistencyQuerySchema,
        response: { 200: consistencySchema },
      },
    },
    async (request) => log.consistencyProof(request.query.from, request.query.to),
  );

  api.get(
    "/api/spends/:id/timeline/:logIndex/proof",
    {
      config: { access: "signed-in" },
      schema: {
        tags: ["log"],
        summary: "Proof that one event of a spend's timeline is in the log, against the current checkpoint",
        description: "For whoever may see the spend. Check that SHA-256(0x00 || canonical) is `leafHash`, that the proof leads from it to the checkpoint's root, and the checkpoint's signature against GET /api/log/key.",
        params: spendEventParamsSchema,
        response: { 200: spendEventProofSchema },
      },
    },
    async (request) => log.spendEventProof(requireActor(request), request.params.id, request.params.logIndex),
  );

  api.get(
    "/api/audit/events/verify",
    {
      config: { access: ["auditor", "admin"] },
      schema: {
        tags: ["audit"],
        summary: "Rebuild the log's tree from every event and check it against its signed checkpoints",
        description:
          "Every leaf is recomputed from its event's canonical text, the tree rebuilt, and its root compared with every signed checkpoint the log keeps. Pass `checkpoint`, a signed checkpoint saved earlier, to catch a truncation or a rewrite of the whole log: the log must still extend it.",
        querystring: verifyLogQuerySchema,
        response: { 200: logVerdictSchema },
      },
    },
    async (request) => log.verify(request.query.checkpoint),
  );
}
