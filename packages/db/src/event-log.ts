import { canonicalJson, type Canonicalizable } from "@greentape/domain/canonical";
import type { EventType } from "@greentape/domain/event-types";
import { leafHash } from "@greentape/log/hash";
import type { Tx } from "./client.ts";
import { events } from "./schema.ts";

export interface NewEvent {
  type: EventType;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  /** Plain JSON: ids, amounts in minor units, statuses. Never narratives or client names. */
  data: Record<string, unknown>;
}

export interface LoggedEvent {
  type: string;
  subjectType: string;
  subjectId: string;
  actorId: string | null;
  occurredAt: Date;
  data: unknown;
}

/**
 * The exact text an event's leaf hashes: canonical JSON (keys sorted, no whitespace) of what it
 * says. An outside auditor rebuilds it from the row, or reads it from GET /api/log/entries.
 */
export function canonicalEvent(event: LoggedEvent): string {
  return canonicalJson({
    type: event.type,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    actorId: event.actorId,
    occurredAt: event.occurredAt.toISOString(),
    data: event.data as Canonicalizable,
  });
}

/**
 * Inserts the event, with its leaf hash, in the caller's transaction. It takes no lock: the
 * sequencer gives it its place in the log once the transaction has committed.
 */
export async function appendEvent(tx: Tx, event: NewEvent, now: Date = new Date()): Promise<number> {
  // JSON round trip drops undefined members, as jsonb storage will, so the hash is of what is stored.
  const data = JSON.parse(JSON.stringify(event.data)) as Canonicalizable;
  const row = { type: event.type, subjectType: event.subjectType, subjectId: event.subjectId, actorId: event.actorId, occurredAt: new Date(now.getTime()), data };
  const [inserted] = await tx
    .insert(events)
    .values({ ...row, leafHash: leafHash(canonicalEvent(row)) })
    .returning({ id: events.id });
  if (!inserted) throw new Error("the event insert returned no row");
  return inserted.id;
}
