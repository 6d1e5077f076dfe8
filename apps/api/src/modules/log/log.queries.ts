import { and, asc, desc, eq, gt, gte, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "@greentape/db/client";
import { canonicalEvent } from "@greentape/db/event-log";
import { events, logCheckpoints, logLeaves, logNodes } from "@greentape/db/schema";
import type { LogEntry, StoredCheckpoint } from "@greentape/log/audit";
import type { NodeId, StoredNode } from "@greentape/log/tree";

export async function treeSize(db: Executor): Promise<number> {
  const [row] = await db.select({ last: sql<string | null>`max(${logLeaves.logIndex})::text` }).from(logLeaves);
  return row?.last == null ? 0 : Number(row.last) + 1;
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

/** Every transaction with an id below this one has ended: all its events are visible, and no more will come. */
export async function oldestRunningTransaction(db: Executor): Promise<string> {
  const result = (await db.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`)) as unknown as { rows: { xmin: string }[] };
  return result.rows[0]?.xmin as string;
}

/**
 * Committed events not yet in the tree, of transactions from `horizon` on (every event of an
 * earlier transaction is in it already), in (transaction id, event id) order. Events commit out of
 * id order; a transaction still running when one batch is read is simply found by a later one.
 */
export async function unsealedEvents(db: Executor, horizon: string, limit: number): Promise<PendingEvent[]> {
  const rows = await db
    .select({ id: events.id, txId: sql<string>`${events.txId}::text`, leafHash: events.leafHash })
    .from(events)
    .where(and(sql`${events.txId} >= ${horizon}::xid8`, sql`not exists (select 1 from ${logLeaves} where ${logLeaves.eventId} = ${events.id})`))
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
  batch: { leaves: { logIndex: number; eventId: number }[]; nodes: StoredNode[]; checkpoint: { treeSize: number; note: string; horizon: string } },
): Promise<void> {
  // Under PostgreSQL's 65,535 parameters a statement; the sequencer's batches stay far below.
  const CHUNK = 5000;
  for (let i = 0; i < batch.leaves.length; i += CHUNK) await db.insert(logLeaves).values(batch.leaves.slice(i, i + CHUNK));
  for (let i = 0; i < batch.nodes.length; i += CHUNK) {
    await db.insert(logNodes).values(batch.nodes.slice(i, i + CHUNK).map((n) => ({ level: n.level, idx: n.index, hash: n.hash })));
  }
  // Stamped as it is written, not when the batch began: the moment its events became sealed.
  await db.insert(logCheckpoints).values({ ...batch.checkpoint, createdAt: sql`clock_timestamp()` });
}

export async function latestCheckpoint(db: Executor): Promise<{ treeSize: number; note: string; horizon: string } | undefined> {
  const [row] = await db
    .select({ treeSize: logCheckpoints.treeSize, note: logCheckpoints.note, horizon: sql<string>`${logCheckpoints.horizon}::text` })
    .from(logCheckpoints)
    .orderBy(desc(logCheckpoints.id))
    .limit(1);
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
