// The auditor's browser as a witness of the event log: it keeps every signed checkpoint it has
// seen (IndexedDB), and before it calls the log intact it checks that the log's newest checkpoint
// is signed with the key it first saw and extends the newest one it holds (a consistency proof,
// RFC 9162 §2.1.4, checked here, not taken from the server's word). A log truncated or rewritten
// under the auditor fails that check, whoever did it, even with full control of the database.
import { openDB } from "idb";
import type { DBSchema, IDBPDatabase } from "idb";
import { hexToBytes } from "@greentape/log/bytes";
import { verifyConsistency } from "@greentape/log/tree";
import { apiGet } from "../../lib/api-client.ts";
import { LOG_WITNESS_DATABASE } from "../../lib/local-data.ts";
import { fetchLogKey, fetchText, readCheckpoint, rootBytes } from "../../lib/log-api.ts";
import type { SignedCheckpoint } from "../../lib/log-api.ts";

interface HeldCheckpoint extends SignedCheckpoint {
  seenAt: string;
  /** False for one that failed the check: kept as evidence, never trusted. */
  consistent: boolean;
}

interface WitnessDb extends DBSchema {
  checkpoints: { key: number; value: HeldCheckpoint; indexes: { size: number } };
  keys: { key: string; value: { origin: string; vkey: string; firstSeenAt: string } };
}

export type LogCheck =
  | { state: "intact"; latest: SignedCheckpoint; previous: HeldCheckpoint | null; held: number }
  | { state: "inconsistent"; latest: SignedCheckpoint; previous: HeldCheckpoint; reason: string }
  | { state: "unsigned"; reason: string };

let opened: Promise<IDBPDatabase<WitnessDb>> | null = null;

function database(): Promise<IDBPDatabase<WitnessDb>> {
  opened ??= openDB<WitnessDb>(LOG_WITNESS_DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore("checkpoints", { autoIncrement: true }).createIndex("size", "size");
      db.createObjectStore("keys", { keyPath: "origin" });
    },
  });
  return opened;
}

/** The largest checkpoint held that passed its checks. */
async function newestTrusted(db: IDBPDatabase<WitnessDb>): Promise<HeldCheckpoint | null> {
  let cursor = await db.transaction("checkpoints").store.index("size").openCursor(null, "prev");
  while (cursor) {
    if (cursor.value.consistent) return cursor.value;
    cursor = await cursor.continue();
  }
  return null;
}

async function keep(db: IDBPDatabase<WitnessDb>, checkpoint: SignedCheckpoint, consistent: boolean): Promise<number> {
  await db.add("checkpoints", { ...checkpoint, seenAt: new Date().toISOString(), consistent });
  return db.count("checkpoints");
}

/** Why `latest` does not extend `previous`, or null when a verified consistency proof says it does. */
async function inconsistency(previous: HeldCheckpoint, latest: SignedCheckpoint): Promise<string | null> {
  if (latest.origin !== previous.origin) return `The log now calls itself "${latest.origin}", not "${previous.origin}".`;
  if (latest.size < previous.size) {
    return `The log now has ${latest.size.toLocaleString("en-GB")} entries, fewer than the ${previous.size.toLocaleString("en-GB")} this browser saw: it has been truncated or rolled back.`;
  }
  const { proof } = await apiGet<{ proof: string[] }>(`/api/log/proofs/consistency?from=${previous.size}&to=${latest.size}`);
  if (verifyConsistency(previous.size, latest.size, rootBytes(previous), rootBytes(latest), proof.map(hexToBytes))) return null;
  return latest.size === previous.size
    ? "The log has as many entries as before but a different root: entries this browser saw have been changed."
    : "The log's proof that its new tree extends the one this browser holds does not verify: entries this browser saw have been changed or removed.";
}

/** Fetches the log's key and newest checkpoint, checks them against what this browser holds, and keeps the checkpoint. */
export async function checkNewestCheckpoint(): Promise<LogCheck> {
  const db = await database();
  const [{ text: vkey, key }, note] = await Promise.all([fetchLogKey(), fetchText("/api/log/checkpoint")]);
  const pinned = await db.get("keys", key.name);
  if (pinned && pinned.vkey !== vkey) {
    return { state: "unsigned", reason: `The log's key is not the one this browser first saw on ${new Date(pinned.firstSeenAt).toLocaleDateString("en-GB")}. Checkpoints signed with another key prove nothing about this log.` };
  }
  const latest = readCheckpoint(note, key);
  if (!latest) return { state: "unsigned", reason: "The log's newest checkpoint is not signed with the log's key." };
  if (!pinned) await db.put("keys", { origin: key.name, vkey, firstSeenAt: new Date().toISOString() });

  const previous = await newestTrusted(db);
  const reason = previous ? await inconsistency(previous, latest) : null;
  if (previous && reason) {
    await keep(db, latest, false);
    return { state: "inconsistent", latest, previous, reason };
  }
  return { state: "intact", latest, previous, held: await keep(db, latest, true) };
}
