/**
 * Checks a whole log against signed checkpoints, wherever the log is read from (the database, or a
 * server over HTTP): every leaf hash is recomputed from its canonical text, the tree is rebuilt
 * leaf by leaf, and its root is compared at every size a trusted signed checkpoint names. The first
 * thing wrong is named: the entry (or the fewest entries it can be narrowed to), or that the log was
 * truncated or rewritten under a checkpoint held outside it.
 */
import { bytesToHex, equalBytes, toBase64 } from "./bytes.ts";
import { leafHash } from "./hash.ts";
import { NoteFormatError, parseCheckpoint, parseNote, signersOf, type Checkpoint, type Ed25519Verify, type VerifierKey } from "./note.ts";
import { TreeFrontier, verifyConsistency } from "./tree.ts";

export interface LogEntry {
  index: number;
  /** The exact text hashed into the leaf; null when the entry's event row is gone. */
  canonical: string | null;
  /** The leaf hash the log recorded, when it records one beside the text. */
  leafHash: Uint8Array | null;
  eventId?: number | null;
}

export interface StoredCheckpoint {
  size: number;
  note: string;
}

export interface LogSource {
  /** Entries [start, end) in index order; fewer than asked means the log ends there. */
  entries(start: number, end: number): Promise<LogEntry[]>;
  /** The signed checkpoints the log keeps with sizes in (after, ...], ascending, at most `limit` (a server over HTTP keeps them to itself). */
  checkpoints?(after: number, limit: number): Promise<StoredCheckpoint[]>;
  /** The log's own consistency proof between two sizes. */
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
}

export type LogProblem = "format" | "signature" | "entry" | "missing" | "changed" | "rewritten" | "truncated" | "proof";

export interface LogVerdict {
  ok: boolean;
  /** Entries read and recomputed. */
  checked: number;
  treeSize: number | null;
  rootHash?: string;
  problem?: LogProblem;
  reason?: string;
  firstBadIndex?: number;
  firstBrokenId?: number;
}

export interface AuditOptions {
  /** The keys trusted to sign this log's checkpoints. */
  keys: readonly VerifierKey[];
  /** The log's latest checkpoint, as it publishes it. */
  latest: string;
  /** A checkpoint held outside the log (saved earlier): the log must still extend it. */
  saved?: string | undefined;
  verify?: Ed25519Verify;
  batchSize?: number;
}

interface Reference {
  size: number;
  root: Uint8Array;
  outside: boolean;
}

function fail(checked: number, treeSize: number | null, problem: LogProblem, reason: string, at?: { index: number; eventId?: number | null | undefined }): LogVerdict {
  return {
    ok: false,
    checked,
    treeSize,
    problem,
    reason,
    ...(at ? { firstBadIndex: at.index } : {}),
    ...(at?.eventId != null ? { firstBrokenId: at.eventId } : {}),
  };
}

function readSigned(text: string, keys: readonly VerifierKey[], verify: Ed25519Verify | undefined, what: string): Checkpoint | string {
  try {
    const note = parseNote(text);
    if (signersOf(note, keys, verify).length === 0) {
      const by = note.signatures.map((s) => `${s.name} (key id ${bytesToHex(s.keyId)})`).join(", ");
      return `${what} is not signed by the log's key: it carries a signature by ${by} that does not verify with ${keys.map((k) => `${k.name} (key id ${bytesToHex(k.keyId)})`).join(" or ")}`;
    }
    return parseCheckpoint(note.body);
  } catch (error) {
    if (error instanceof NoteFormatError) return `${what} is not a well-formed signed checkpoint: ${error.message}`;
    throw error;
  }
}

function entryName(index: number, eventId: number | null | undefined): string {
  return eventId != null ? `entry ${index} (event ${eventId})` : `entry ${index}`;
}

export async function auditLog(source: LogSource, options: AuditOptions): Promise<LogVerdict> {
  const { keys, verify } = options;
  const batchSize = options.batchSize ?? 1000;
  const latest = readSigned(options.latest, keys, verify, "The log's latest checkpoint");
  if (typeof latest === "string") return fail(0, null, "signature", latest);
  let saved: Checkpoint | undefined;
  if (options.saved !== undefined) {
    const read = readSigned(options.saved, keys, verify, "The saved checkpoint");
    if (typeof read === "string") return fail(0, latest.size, "signature", read);
    if (read.origin !== latest.origin) return fail(0, latest.size, "format", `The saved checkpoint is for the log "${read.origin}", not "${latest.origin}"`);
    saved = read;
  }

  const target = Math.max(latest.size, saved?.size ?? 0);
  const references = new Map<number, Reference[]>();
  const addReference = (ref: Reference) => references.set(ref.size, [...(references.get(ref.size) ?? []), ref]);
  addReference({ size: latest.size, root: latest.root, outside: false });
  if (saved) addReference({ size: saved.size, root: saved.root, outside: true });

  // The log's own signed checkpoints, read a page ahead of the entries.
  let storedAfter = 0;
  let storedDone = !source.checkpoints;
  const loadStored = async (upTo: number): Promise<string | null> => {
    while (!storedDone && storedAfter < upTo) {
      const page = await (source.checkpoints as NonNullable<LogSource["checkpoints"]>)(storedAfter, batchSize);
      for (const stored of page) {
        if (stored.size > target) {
          storedDone = true;
          break;
        }
        const read = readSigned(stored.note, keys, verify, `The log's checkpoint for ${stored.size} entries`);
        if (typeof read === "string") return read;
        if (read.size !== stored.size) return `The log's checkpoint filed under ${stored.size} entries says ${read.size}`;
        addReference({ size: read.size, root: read.root, outside: false });
        storedAfter = stored.size;
      }
      if (page.length < batchSize) storedDone = true;
    }
    return null;
  };

  const frontier = TreeFrontier.empty();
  const eventIds: (number | null | undefined)[] = [];
  let lastGood = 0;
  while (frontier.size < target) {
    const start = frontier.size;
    const stored = await loadStored(Math.min(start + batchSize, target));
    if (stored) return fail(start, latest.size, "signature", stored);
    const batch = await source.entries(start, Math.min(start + batchSize, target));
    for (const entry of batch) {
      const i = frontier.size;
      if (entry.index !== i) return fail(i, latest.size, "missing", `${entryName(i, undefined)} is missing: the log skips from ${i - 1} to ${entry.index}`, { index: i });
      if (entry.canonical === null) return fail(i, latest.size, "missing", `${entryName(i, entry.eventId)} is gone: the tree still holds it but its event was deleted`, { index: i, eventId: entry.eventId });
      const computed = leafHash(entry.canonical);
      if (entry.leafHash && !equalBytes(entry.leafHash, computed)) {
        return fail(i, latest.size, "entry", `${entryName(i, entry.eventId)} was changed: its content no longer gives its recorded leaf hash`, { index: i, eventId: entry.eventId });
      }
      frontier.append(computed);
      eventIds.push(entry.eventId);
      for (const ref of references.get(frontier.size) ?? []) {
        if (equalBytes(ref.root, frontier.root())) continue;
        const first = lastGood;
        const span = frontier.size - first === 1 ? entryName(first, eventIds[first]) : `one of entries ${first} to ${frontier.size - 1}`;
        const at = { index: first, eventId: eventIds[first] };
        return ref.outside
          ? fail(frontier.size, latest.size, "rewritten", `The log was rewritten: its first ${ref.size} entries no longer give the root of the saved checkpoint; ${span} was changed`, at)
          : fail(frontier.size, latest.size, "changed", `${span} was changed after it was sealed: the log's signed checkpoint for ${ref.size} entries no longer matches them`, at);
      }
      if (references.has(frontier.size)) lastGood = frontier.size;
    }
    if (batch.length < Math.min(batchSize, target - start)) break;
  }

  const count = frontier.size;
  if (saved && count < saved.size) {
    return fail(count, latest.size, "truncated", `The log was truncated: the saved checkpoint holds ${saved.size} entries, the log now has ${count} (entries ${count} to ${saved.size - 1} are gone)`, {
      index: count,
    });
  }
  if (count < latest.size) {
    return fail(count, latest.size, "missing", `The log's latest checkpoint holds ${latest.size} entries but the log has ${count}: entries ${count} to ${latest.size - 1} are missing`, { index: count });
  }
  if (saved && saved.size > latest.size) {
    return fail(count, latest.size, "truncated", `The log was rolled back: its latest checkpoint holds ${latest.size} entries, fewer than the ${saved.size} of the saved checkpoint`, {
      index: latest.size,
    });
  }
  if (saved) {
    const proof = await source.consistencyProof(saved.size, latest.size);
    if (!verifyConsistency(saved.size, latest.size, saved.root, latest.root, proof)) {
      return fail(count, latest.size, "proof", `The log's consistency proof from ${saved.size} to ${latest.size} entries does not verify, though its entries do: its stored tree is damaged`);
    }
  }
  return { ok: true, checked: count, treeSize: latest.size, rootHash: toBase64(latest.root) };
}
