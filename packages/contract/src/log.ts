// The verifiable log's answers that the web checks for itself: proofs and the whole log's verdict.
import { z } from "zod/mini";
import { idParamsSchema, wholeNumberQuery } from "./params.ts";

export const hashesSchema = z.array(z.string().check(z.regex(/^[0-9a-f]{64}$/))).check(z.describe("Hex SHA-256 hashes, RFC 9162 §2.1 order"));

export const inclusionSchema = z.object({ index: z.int(), treeSize: z.int(), leafHash: z.string(), proof: hashesSchema });

/** GET /api/spends/:id/timeline/:logIndex/proof: the event's canonical text, its proof and the checkpoint it holds against. */
export const spendEventProofSchema = z.extend(inclusionSchema, { canonical: z.string(), checkpoint: z.string() });
export type SpendEventProof = z.infer<typeof spendEventProofSchema>;

/** GET /api/audit/events/verify */
export const logVerdictSchema = z.object({
  ok: z.boolean(),
  checked: z.int().check(z.describe("Entries recomputed from their canonical text")),
  treeSize: z.nullable(z.int()).check(z.describe("The size of the log's latest signed checkpoint")),
  rootHash: z.optional(z.string()).check(z.describe("Its root hash, base64, when everything holds")),
  problem: z.optional(z.enum(["format", "signature", "entry", "missing", "changed", "rewritten", "truncated", "proof"])),
  reason: z.optional(z.string()).check(z.describe("What is wrong, in words")),
  firstBadIndex: z.optional(z.int()).check(z.describe("The first log index that is wrong or gone")),
  firstBrokenId: z.optional(z.int()).check(z.describe("The event id at that index, when its row is still there")),
});
export type LogVerdict = z.infer<typeof logVerdictSchema>;

/** GET /api/log/key and GET /api/log/checkpoint answer in plain text: a C2SP verifier key, a signed note. */
export const logTextSchema = z.string();

/** The most entries, or checkpoints, one request may ask for. */
export const MAX_LOG_PAGE = 1000;

/** GET /api/log/entries */
export const logEntriesQuerySchema = z.object({ start: wholeNumberQuery, end: wholeNumberQuery });
export const logEntriesSchema = z.object({
  entries: z.array(z.object({ index: z.int(), eventId: z.nullable(z.int()), leafHash: z.nullable(z.string()), canonical: z.nullable(z.string()) })),
});

/** GET /api/log/checkpoints */
export const checkpointsQuerySchema = z.object({
  after: z._default(wholeNumberQuery, 0),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(MAX_LOG_PAGE)), MAX_LOG_PAGE),
});
export const checkpointsSchema = z.object({ checkpoints: z.array(z.object({ treeSize: z.int(), note: z.string() })) });

/** GET /api/log/proofs/inclusion */
export const inclusionQuerySchema = z.object({ index: wholeNumberQuery, treeSize: wholeNumberQuery });

/** GET /api/log/proofs/consistency */
export const consistencyQuerySchema = z.object({ from: wholeNumberQuery, to: wholeNumberQuery });
export const consistencySchema = z.object({ from: z.int(), to: z.int(), proof: hashesSchema });

/** GET /api/spends/:id/timeline/:logIndex/proof */
export const spendEventParamsSchema = z.extend(idParamsSchema("Spend"), { logIndex: wholeNumberQuery });

/** GET /api/audit/events/verify */
export const verifyLogQuerySchema = z.object({
  checkpoint: z.optional(z.string().check(z.maxLength(4096))).check(z.describe("A signed checkpoint saved earlier, as GET /api/log/checkpoint gave it")),
});
