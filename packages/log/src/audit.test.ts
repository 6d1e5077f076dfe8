import { describe, expect, it } from "vitest";
import { auditLog, type LogEntry, type LogSource, type StoredCheckpoint } from "./audit.ts";
import { leafHash } from "./hash.ts";
import { checkpointBody, signerKeyFromSeed, signNote, type SignerKey } from "./note.ts";
import { assemble, consistencyPlan, lookupFrom, TreeFrontier, type StoredNode } from "./tree.ts";

const ORIGIN = "example.gov.uk/log";
const key = signerKeyFromSeed(ORIGIN, new Uint8Array(32).fill(1));
const other = signerKeyFromSeed(ORIGIN, new Uint8Array(32).fill(2));

/** An in-memory log: entries, the perfect nodes over them, and a checkpoint signed at each listed size. */
function memoryLog(texts: string[], sealedAt: number[], signer: SignerKey = key) {
  const frontier = TreeFrontier.empty();
  const nodes: StoredNode[] = [];
  const checkpoints: StoredCheckpoint[] = [];
  texts.forEach((text, i) => {
    nodes.push(...frontier.append(leafHash(text)));
    if (sealedAt.includes(i + 1)) checkpoints.push({ size: i + 1, note: signNote(checkpointBody({ origin: ORIGIN, size: i + 1, root: frontier.root() }), signer) });
  });
  const entries: LogEntry[] = texts.map((canonical, index) => ({ index, canonical, leafHash: leafHash(canonical), eventId: 100 + index }));
  const source: LogSource = {
    entries: async (start, end) => entries.slice(start, end),
    checkpoints: async (after, limit) => checkpoints.filter((c) => c.size > after).slice(0, limit),
    consistencyProof: async (from, to) => assemble(consistencyPlan(from, to), lookupFrom(nodes)),
  };
  return { source, entries, checkpoints, latest: () => (checkpoints.at(-1) as StoredCheckpoint).note };
}

const texts = Array.from({ length: 9 }, (_, i) => JSON.stringify({ type: "test", i }));

describe("auditLog", () => {
  it("holds for an untouched log, alone and against a checkpoint saved earlier", async () => {
    const log = memoryLog(texts, [3, 4, 7, 9]);
    const saved = log.checkpoints[1]?.note;
    expect(await auditLog(log.source, { keys: [key], latest: log.latest() })).toMatchObject({ ok: true, checked: 9, treeSize: 9 });
    expect(await auditLog(log.source, { keys: [key], latest: log.latest(), saved, batchSize: 2 })).toMatchObject({ ok: true, checked: 9 });
  });

  it("names an entry whose text no longer gives its recorded leaf hash", async () => {
    const log = memoryLog(texts, [9]);
    (log.entries[4] as LogEntry).canonical = "changed";
    expect(await auditLog(log.source, { keys: [key], latest: log.latest() })).toMatchObject({ ok: false, problem: "entry", firstBadIndex: 4, firstBrokenId: 104 });
  });

  it("pins a change whose hashes were recomputed to the batch it was sealed in", async () => {
    const log = memoryLog(texts, [3, 4, 5, 9]);
    const changed = { ...(log.entries[4] as LogEntry), canonical: "changed", leafHash: leafHash("changed") };
    log.entries[4] = changed;
    expect(await auditLog(log.source, { keys: [key], latest: log.latest() })).toMatchObject({ ok: false, problem: "changed", firstBadIndex: 4, firstBrokenId: 104 });
    log.entries[6] = { ...(log.entries[6] as LogEntry), canonical: "x", leafHash: leafHash("x") };
    log.entries[4] = memoryLog(texts, []).entries[4] as LogEntry;
    const verdict = await auditLog(log.source, { keys: [key], latest: log.latest() });
    expect(verdict).toMatchObject({ ok: false, problem: "changed", firstBadIndex: 5 });
    expect(verdict.reason).toContain("one of entries 5 to 8");
  });

  it("says the log was truncated under a saved checkpoint, and rewritten when its entries no longer give it", async () => {
    const whole = memoryLog(texts, [6, 9]);
    const saved = whole.latest();
    const shorter = memoryLog(texts.slice(0, 6), [6]);
    expect(await auditLog(shorter.source, { keys: [key], latest: shorter.latest(), saved })).toMatchObject({ ok: false, problem: "truncated", firstBadIndex: 6 });
    const rewritten = memoryLog([...texts.slice(0, 7), "other", "another"], [9]);
    expect(await auditLog(rewritten.source, { keys: [key], latest: rewritten.latest(), saved })).toMatchObject({ ok: false, problem: "rewritten" });
  });

  it("refuses a checkpoint signed with another key, the latest or any stored one", async () => {
    const forged = memoryLog(texts, [9], other);
    expect(await auditLog(forged.source, { keys: [key], latest: forged.latest() })).toMatchObject({ ok: false, problem: "signature" });
    const log = memoryLog(texts, [4, 9]);
    (log.checkpoints[0] as StoredCheckpoint).note = memoryLog(texts, [4], other).checkpoints[0]?.note as string;
    const verdict = await auditLog(log.source, { keys: [key], latest: log.latest() });
    expect(verdict).toMatchObject({ ok: false, problem: "signature" });
    expect(verdict.reason).toContain("checkpoint for 4 entries");
    expect(await auditLog(log.source, { keys: [key, other], latest: log.latest() })).toMatchObject({ ok: true });
  });
});
