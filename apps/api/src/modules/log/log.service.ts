import type { Db, Executor } from "@greentape/db/client";
import { canonicalEvent } from "@greentape/db/event-log";
import { auditLog, type LogSource, type LogVerdict } from "@greentape/log/audit";
import { bytesToHex } from "@greentape/log/bytes";
import { encodeVerifierKey, type SignerKey, type VerifierKey } from "@greentape/log/note";
import { assemble, consistencyPlan, inclusionPlan, lookupFrom, nodesNeeded, type Range } from "@greentape/log/tree";
import { NotFoundError, ServiceUnavailableError, ValidationError } from "@greentape/domain/errors";
import { canSeeLoggedEvent } from "@greentape/domain/permissions";
import { MAX_LOG_PAGE } from "@greentape/contract/log";
import type { Actor } from "../../plugins/access.ts";
import type { SpendsService } from "../spends/index.ts";
import * as q from "./log.queries.ts";
import { nodeVerify } from "./node-ed25519.ts";


async function proofFor(db: Executor, ranges: Range[]): Promise<string[]> {
  const nodes = await q.findNodes(db, nodesNeeded(ranges));
  return assemble(ranges, lookupFrom(nodes)).map(bytesToHex);
}

/** The log read from this database, for the verifier. */
export function databaseSource(db: Executor): LogSource {
  return {
    entries: (start, end) => q.entries(db, start, end),
    checkpoints: (after, limit) => q.checkpointsAfter(db, after, limit),
    consistencyProof: async (from, to) => {
      const ranges = consistencyPlan(from, to);
      return assemble(ranges, lookupFrom(await q.findNodes(db, nodesNeeded(ranges))));
    },
  };
}

export function createLogService(deps: { db: Db; signer: SignerKey; previousKeys: readonly VerifierKey[]; spends: Pick<SpendsService, "findVisible"> }) {
  const { db, signer, spends } = deps;
  const trusted: VerifierKey[] = [signer, ...deps.previousKeys];

  /** The size of the latest signed tree: what proofs and entries may be asked about. */
  async function sealedSize(): Promise<number> {
    return (await q.latestCheckpoint(db))?.treeSize ?? 0;
  }

  async function inclusionProof(index: number, treeSize: number) {
    const size = await sealedSize();
    if (treeSize > size) throw ValidationError.field("treeSize", `The log's latest checkpoint holds ${size} entries; ask for a tree size up to that`);
    if (index >= treeSize) throw ValidationError.field("index", `Index ${index} is not below the tree size ${treeSize}`);
    const [leaf] = await q.findNodes(db, [{ level: 0, index }]);
    if (!leaf) throw new Error(`log leaf ${index} is missing`);
    return { index, treeSize, leafHash: bytesToHex(leaf.hash), proof: await proofFor(db, inclusionPlan(index, treeSize)) };
  }

  return {
    /** The checkpoint verifier key, in C2SP vkey form. */
    verifierKey: (): string => encodeVerifierKey(signer),

    /** The latest signed checkpoint, or null before the sequencer's first seal. */
    async checkpoint(executor: Executor = db): Promise<string | null> {
      return (await q.latestCheckpoint(executor))?.note ?? null;
    },

    async latestCheckpoint(): Promise<string> {
      const latest = await q.latestCheckpoint(db);
      if (!latest) throw new ServiceUnavailableError("The log has not been sealed yet: try again in a moment.", 2);
      return latest.note;
    },

    async entries(start: number, end: number) {
      if (end <= start) throw ValidationError.field("end", "end must be past start");
      if (end - start > MAX_LOG_PAGE) throw ValidationError.field("end", `Ask for at most ${MAX_LOG_PAGE} entries at a time`);
      const size = await sealedSize();
      if (start >= size) throw ValidationError.field("start", `The log's latest checkpoint holds ${size} entries; start must be below that`);
      const rows = await q.entries(db, start, Math.min(end, size));
      return { entries: rows.map((r) => ({ index: r.index, eventId: r.eventId ?? null, leafHash: r.leafHash ? bytesToHex(r.leafHash) : null, canonical: r.canonical })) };
    },

    inclusionProof,

    async checkpoints(after: number, limit: number) {
      return { checkpoints: (await q.checkpointsAfter(db, after, limit)).map((c) => ({ treeSize: c.size, note: c.note })) };
    },

    async consistencyProof(from: number, to: number) {
      const size = await sealedSize();
      if (to > size) throw ValidationError.field("to", `The log's latest checkpoint holds ${size} entries; ask for a tree size up to that`);
      if (from > to) throw ValidationError.field("from", "from must not be past to");
      return { from, to, proof: await proofFor(db, consistencyPlan(from, to)) };
    },

    /**
     * Rebuilds the whole tree from the events' canonical text and checks it against every signed
     * checkpoint stored, and against `saved` (a checkpoint held outside) when given.
     */
    async verify(saved?: string): Promise<LogVerdict> {
      const latest = await q.latestCheckpoint(db);
      if (!latest) {
        const size = await q.treeSize(db);
        return size === 0
          ? { ok: true, checked: 0, treeSize: null }
          : { ok: false, checked: 0, treeSize: null, problem: "missing", reason: `The log has ${size} entries but no signed checkpoint: its checkpoints were removed` };
      }
      return auditLog(databaseSource(db), { keys: trusted, latest: latest.note, saved, verify: nodeVerify });
    },

    /** Each event's place in the log, for those sealed. */
    logIndexes: (eventIds: readonly number[]) => q.logIndexesOf(db, eventIds),

    /** "Proof that this is in the log" for one event of a spend the person may see. */
    async spendEventProof(actor: Actor, spendId: string, logIndex: number) {
      const spend = await spends.findVisible(actor, spendId);
      const event = await q.eventAt(db, logIndex);
      if (!event || event.subjectType !== "spend" || event.subjectId !== spend.id || !canSeeLoggedEvent(actor, spend, event)) {
        throw new NotFoundError("That entry of this spend's log");
      }
      const latest = await q.latestCheckpoint(db);
      if (!latest) throw new ServiceUnavailableError("The log has not been sealed yet: try again in a moment.", 2);
      return { ...(await inclusionProof(logIndex, latest.treeSize)), canonical: canonicalEvent(event), checkpoint: latest.note };
    },
  };
}

export type LogService = ReturnType<typeof createLogService>;
