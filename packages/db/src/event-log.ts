import { createHash } from "node:crypto";
import { asc, desc, gt, sql } from "drizzle-orm";
import { canonicalJson, type Canonicalizable } from "@greentape/domain/canonical";
import type { Executor, Tx } from "./client.ts";
import { events } from "./schema.ts";

export const GENESIS_HASH = "0".repeat(64);
/** Any constant works; it only has to be the same for every writer of the chain. */
const APPEND_LOCK_KEY = 7_414_190_001;

export interface NewEvent {
  type: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  /** Plain JSON: ids, amounts in minor units, statuses. Never narratives or client names. */
  data: Record<string, unknown>;
}

export interface ChainedEvent {
  id: number;
  occurredAt: Date;
  actorId: string | null;
  type: string;
  subjectType: string;
  subjectId: string;
  data: unknown;
  prevHash: string;
}

/** The hash an outside auditor recomputes: SHA-256 (hex) of the canonical JSON of the row's content. */
export function eventHash(event: ChainedEvent): string {
  const content = canonicalJson({
    id: String(event.id),
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    data: event.data as Canonicalizable,
    prevHash: event.prevHash,
  });
  return createHash("sha256").update(content, "utf8").digest("hex");
}

/**
 * Appends to the chain inside the caller's transaction. The advisory lock serialises appenders
 * until commit, so call this as the last step of a use case to keep the lock short.
 */
export async function appendEvent(tx: Tx, event: NewEvent, now: Date = new Date()): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK_KEY})`);
  const [head] = await tx.select({ hash: events.hash }).from(events).orderBy(desc(events.id)).limit(1);
  const next = (await tx.execute(sql`select nextval('events_id_seq')::text as id`)) as unknown as { rows: { id: string }[] };
  const idText = next.rows[0]?.id;
  if (!idText) throw new Error("events_id_seq returned no value");
  // JSON round trip drops undefined members, as jsonb storage will.
  const data = JSON.parse(JSON.stringify(event.data)) as Canonicalizable;
  const row: ChainedEvent = {
    id: Number(idText),
    occurredAt: new Date(now.getTime()),
    actorId: event.actorId,
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    data,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  await tx.insert(events).values({ ...row, hash: eventHash(row) });
  return row.id;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBrokenId?: number;
  reason?: string;
  headId?: number;
  headHash?: string;
}

export interface KnownHead {
  id: number;
  hash: string;
}

/**
 * Recomputes every hash and link in id order. `knownHead` is a head published earlier (outside the
 * database): the chain must still pass through it, which catches a superuser rewriting the whole chain.
 */
export async function verifyEventChain(db: Executor, knownHead?: KnownHead, batchSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastId = 0;
  let sawKnownHead = knownHead === undefined;
  for (;;) {
    const rows = await db.select().from(events).where(gt(events.id, lastId)).orderBy(asc(events.id)).limit(batchSize);
    for (const row of rows) {
      checked += 1;
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, firstBrokenId: row.id, reason: "its previous-hash link does not match the row before it" };
      }
      if (eventHash(row) !== row.hash) {
        return { ok: false, checked, firstBrokenId: row.id, reason: "its content does not match its hash" };
      }
      if (knownHead && row.id === knownHead.id) {
        if (row.hash !== knownHead.hash) {
          return { ok: false, checked, firstBrokenId: row.id, reason: "it differs from the head published earlier" };
        }
        sawKnownHead = true;
      }
      prevHash = row.hash;
      lastId = row.id;
    }
    if (rows.length < batchSize) break;
  }
  if (!sawKnownHead) {
    return { ok: false, checked, firstBrokenId: knownHead?.id, reason: "the head published earlier is missing" };
  }
  return checked === 0 ? { ok: true, checked } : { ok: true, checked, headId: lastId, headHash: prevHash };
}
