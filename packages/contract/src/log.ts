// The verifiable log's answers that the web checks for itself: proofs and the whole log's verdict.
import { z } from "zod/mini";

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
