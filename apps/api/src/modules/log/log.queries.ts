import { and, asc, desc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { canonicalEvent } from "@greentape/db/event-log";
import { events, logCheckpoints, logLeaves, logNodes } from "@greentape/db/schema";
import type { LogEntry, StoredCheckpoint } from "@greentape/log/audit";
import type { NodeId, StoredNode } from "@greentape/log/tree";

/** Where the sequencer stopped: the (transaction, id) of the last event it placed. */
export interface SequencerCursor {
  txId: string;
  eventId: number;
}

export const START_CURSOR: SequencerCursor = { txId: "0", eventId: 0 };

export async function treeSize(db: Executor): Promise<number> {
  const [row] = await db.select({ last: sql<string | null>`max(${logLeaves.logIndex})::text` }).from(logLeaves);
  return row?.last == null ? 0 : Number(row.last) + 1;
}

export async function lastCursor(db: Executor): Promise<SequencerCursor> {
  const [row] = await db
    .select({ txId: sql<string>`${events.txId}::text`, eventId: events.id })
    .from(logLeaves)
    .innerJoin(events, eq(events.id, logLeaves.eventId))
    .orderBy(desc(logLeaves.logIndex))
    .limit(1);
  return row ?? START_CURSOR;
}

/** The stored hashes of these perfect subtrees (any that are missing are simply absent). */
export async function findNodes(db: Executor, wanted: readonly NodeId[]): Promise<StoredNode[]> {
  if (wanted.length === 0) return [];
  const pairs = sql.join(
    wanted.map((n) => sql`(${n.level}::smallint, ${n.index}::bigint)`),
    sql`, `,
  );
  const rows = await db.select().from(logNodes).where(sql`(${logNodes.level}, ${logNodes.idx}) in (${pairs})`);
  return rows.map((r) => ({ level: r.level, index: r.idx, hash: new Uint8Array(r.hash) }));
}

export interface PendingEvent {
  id: number;
  txId: string;
  leafHash: Uint8Array | null;
}

/**
 * The next committed events past the cursor, in (transaction id, event id) order. Only events of
 * transactions older than the oldest one still running are taken: every such transaction has
 * ended, so all its events are visible now and none can appear later behind the cursor. Events
 * commit out of id order; this order is the same whoever sequences and never skips one.
 */
export async function nextEvents(db: Executor, after: SequencerCursor, limit: number): Promise<PendingEvent[]> {
  const rows = await db
    .select({ id: events.id, txId: sql<string>`${events.txId}::text`, leafHash: events.leafHash })
    .from(events)
    .where(and(sql`(${events.txId}, ${events.id}) > (${after.txId}::xid8, ${after.eventId}::bigint)`, sql`${events.txId} < pg_snapshot_xmin(pg_current_snapshot())`))
    .orderBy(asc(events.txId), asc(events.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, txId: r.txId, leafHash: r.leafHash ? new Uint8Array(r.leafHash) : null }));
}

/** Events logged before the tree carry no leaf hash: it is made from their canonical text. */
export async function canonicalTexts(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(events).where(inArray(events.id, [...ids]));
  return new Map(rows.map((r) => [r.id, canonicalEvent(r)]));
}

/** Writes one sealed batch: the leaves' places, the nodes they complete, and the signed checkpoint. */
export async function insertBatch(
  db: Executor,
  batch: { leaves: { logIndex: number; eventId: number }[]; nodes: StoredNode[]; checkpoint: { treeSize: number; note: string } },
): Promise<void> {
  // Under PostgreSQL's 65,535 parameters a statement; the sequencer's batches stay far below.
  const CHUNK = 5000;
  for (let i = 0; i < batch.leaves.length; i += CHUNK) await db.insert(logLeaves).values(batch.leaves.slice(i, i + CHUNK));
  for (let i = 0; i < batch.nodes.length; i += CHUNK) {
    await db.insert(logNodes).values(batch.nodes.slice(i, i + CHUNK).map((n) => ({ level: n.level, idx: n.index, hash: n.hash })));
  }
  await db.insert(logCheckpoints).values(batch.checkpoint);
}

export async function latestCheckpoint(db: Executor): Promise<{ treeSize: number; note: string } | undefined> {
  const [row] = await db.select({ treeSize: logCheckpoints.treeSize, note: logCheckpoints.note }).from(logCheckpoints).orderBy(desc(logCheckpoints.id)).limit(1);
  return row;
}

export async function checkpointsAfter(db: Executor, after: number, limit: number): Promise<StoredCheckpoint[]> {
  const rows = await db
    .select({ size: logCheckpoints.treeSize, note: logCheckpoints.note })
    .from(logCheckpoints)
    .where(gt(logCheckpoints.treeSize, after))
    .orderBy(asc(logCheckpoints.treeSize), asc(logCheckpoints.id))
    .limit(limit);
  return rows;
}

/** Leaves [start, end) with their canonical text rebuilt from the event rows, and the tree's leaf hash. */
export async function entries(db: Executor, start: number, end: number): Promise<LogEntry[]> {
  const rows = await db
    .select({ logIndex: logLeaves.logIndex, eventId: logLeaves.eventId, event: events, leafHash: logNodes.hash })
    .from(logLeaves)
    .leftJoin(events, eq(events.id, logLeaves.eventId))
    .leftJoin(logNodes, and(eq(logNodes.level, 0), eq(logNodes.idx, logLeaves.logIndex)))
    .where(and(gte(logLeaves.logIndex, start), lt(logLeaves.logIndex, end)))
    .orderBy(asc(logLeaves.logIndex));
  return rows.map((r) => ({
    index: r.logIndex,
    eventId: r.eventId,
    canonical: r.event ? canonicalEvent(r.event) : null,
    leafHash: r.leafHash ? new Uint8Array(r.leafHash) : null,
  }));
}

export async function logIndexesOf(db: Executor, eventIds: readonly number[]): Promise<Map<number, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db.select().from(logLeaves).where(inArray(logLeaves.eventId, [...eventIds]));
  return new Map(rows.map((r) => [r.eventId, r.logIndex]));
}

export async function eventAt(db: Executor, logIndex: number) {
  const [row] = await db.select({ event: events }).from(logLeaves).innerJoin(events, eq(events.id, logLeaves.eventId)).where(eq(logLeaves.logIndex, logIndex));
  return row?.event;
}
