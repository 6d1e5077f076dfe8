// The offline outbox: spends logged on the phone wait here until the server has them, and so
// does what a worker writes about a spend with no signal (a justification, a follow-up).
//
// - An outbox the app controls, in IndexedDB (not a library queue that drops old items).
// - Each record is keyed by the Idempotency-Key made on the phone, so a retry never makes a
//   second spend, however often the connection drops mid-request.
// - A record holds only what the spend needs (and the receipt, if any) and the signed-in user's
//   id; only that user's records are ever sent.
// - Frozen once sending starts: its body never changes after that. A correction is a new record
//   with a new key.
// - Deleted only after the server confirms (201, or a replay of the same key).
// - A receipt never holds up the worker: the form is told as soon as the server has the spend,
//   and the record stays, with the spend's id, until its receipt has gone too (retried like a
//   spend; the server takes the same file again as the same receipt). A receipt the server
//   refuses is remembered with the sent record and shown on My spends; the spend stands.
// - Retried with backoff on app start, on `online` and on a timer. A refusal (4xx: a cap, a pause,
//   bad input) is not retried: the record is kept, marked "needs your attention", with the
//   server's message, until the worker corrects or discards it. This code loads on app start
//   only when the outbox has work (outbox-watch.ts); otherwise when something is put in it.
// - A write about a spend is a PUT of the whole text (a lost-receipt declaration, a POST): the
//   server takes the same text again as the same thing (no second revision), so its key only names the record here and is sent as
//   Idempotency-Key for the log. A newer text for the same spend and form replaces a waiting one.
//   Once sent, the form's draft goes; when refused, the draft stays for correction.
// - A receipt added on the spend's page is a write too, holding the (shrunk) file: it goes as a
//   spend's receipt does, and the server takes the same file again as the same receipt. Each is
//   another receipt, so none replaces another.
// - Cleared at sign-out with all local data (its database is listed in local-data.ts). A
//   sign-out made with no signal is sent before the outbox runs again: the outbox runs only for
//   someone signed in, and nobody is until the server has heard it (api-client.ts).

import type { DBSchema } from "idb";
import { useEffect, useState } from "react";
import { ApiError, NetworkError, apiFetch, apiPost, apiPut, isTransient, waitBeforeRetry } from "./api-client.ts";
import type { FieldProblem } from "./api-client.ts";
import { appDatabase } from "./app-database.ts";
import { backoffDelay } from "./backoff.ts";
import { removeDraft } from "./draft-storage.ts";
import { OUTBOX_DATABASE, SENT_MEMORY_MS, emitOutboxChange, subscribeToOutbox } from "./outbox-watch.ts";
import { singleFlight } from "./single-flight.ts";

const DATABASE_VERSION = 2;

/** Exactly the body of POST /api/spends. Money in minor units. */
export interface OutboxSpend {
  schemeId: string;
  clientId: string;
  amount: number;
  category: string;
  payee: string;
  /** Left out when nobody said: the name is then never published. */
  payeeType?: "organisation" | "individual";
  paymentMethod: string;
  spentOn: string;
  note: string;
  /** VAT in the amount the council cannot reclaim; left out when not recorded. */
  irrecoverableVat?: number;
}

export interface OutboxReceipt {
  blob: Blob;
  name: string;
  type: string;
}

/** What the server said when it refused the spend. */
export interface OutboxProblem {
  status: number;
  type: string;
  title: string;
  detail: string | null;
  errors: FieldProblem[];
  /** For cap-exceeded: which cap. */
  cap: string | null;
  /** For allowance-paused: the spends whose justifications are overdue. */
  overdueSpends: { id: string; payee?: string; amount?: number; currency?: string; spentOn?: string }[];
}

export type OutboxState = "waiting" | "sending" | "needs-attention";

export interface OutboxRecord {
  /** The Idempotency-Key, made on the phone. */
  key: string;
  userId: string;
  spend: OutboxSpend;
  /** Enough to show the record in a list without the network. */
  label: { clientReference: string; currency: string };
  receipt: OutboxReceipt | null;
  state: OutboxState;
  /** True once the first send started; the spend is never changed after that. */
  frozen: boolean;
  attempts: number;
  /** Epoch milliseconds before which the timer leaves it alone. */
  nextAttemptAt: number;
  createdAt: string;
  lastTriedAt: string | null;
  /** Set once the server has created the spend (the receipt may still be on its way). */
  spendId: string | null;
  problem: OutboxProblem | null;
  /** True once it has had to wait (logged offline, or the first try did not get through). */
  queued: boolean;
}

/** A short memory of what the outbox sent, so My spends can say "Sent". Ids only. */
export interface SentRecord {
  key: string;
  userId: string;
  spendId: string;
  sentAt: string;
  /** The spend was logged but the server would not take its receipt. */
  receiptProblem: string | null;
  /** A receipt went with it (My spends says "Receipt sent"). Absent on records kept before receipts were told apart. */
  withReceipt?: boolean;
  /** It waited in the outbox before it went (My spends says "Sent" for these). */
  queued: boolean;
}

/** What a worker writes about a spend; also the draft's kind and, but for a receipt, the last part of its path. */
export type WriteKind = "justification" | "follow-up" | "receipt-lost" | "receipt";

/** A justification, follow-up or lost-receipt declaration written with no signal, waiting to be sent. */
export interface OutboxWrite {
  /** Names the record; sent as Idempotency-Key. */
  key: string;
  userId: string;
  spendId: string;
  kind: WriteKind;
  /** Exactly the body of the request (empty for a receipt). */
  body: Record<string, unknown>;
  /** The file of a receipt write. */
  receipt?: OutboxReceipt;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  createdAt: string;
  problem: OutboxProblem | null;
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxRecord; indexes: { byUser: string } };
  sent: { key: string; value: SentRecord; indexes: { byUser: string } };
  writes: { key: string; value: OutboxWrite; indexes: { byUser: string } };
}

const database = appDatabase<OutboxDb>(OUTBOX_DATABASE, DATABASE_VERSION, (db, oldVersion) => {
  if (oldVersion < 1) {
    db.createObjectStore("outbox", { keyPath: "key" }).createIndex("byUser", "userId");
    db.createObjectStore("sent", { keyPath: "key" }).createIndex("byUser", "userId");
  }
  if (oldVersion < 2) db.createObjectStore("writes", { keyPath: "key" }).createIndex("byUser", "userId");
});

// ---- policy (pure, unit-tested) ------------------------------------------------------------

/**
 * What a failed send means. "retry": the server never answered, or could not answer now
 * (offline, 5xx, 408, 429, a session to renew). "refused": the server said no to this spend
 * (400, 403, 404, 409, 422...): sending it again unchanged would get the same answer.
 */
export function classifyFailure(error: unknown): "retry" | "refused" {
  if (isTransient(error) || !(error instanceof ApiError) || error.status === 401) return "retry";
  return error.status >= 400 ? "refused" : "retry";
}

/** The server's refusal, kept with the record so the worker can see it with no signal. */
export function problemFrom(error: ApiError): OutboxProblem {
  const extra = error.problem;
  const overdue = Array.isArray(extra.overdueSpends) ? (extra.overdueSpends as OutboxProblem["overdueSpends"]) : [];
  return {
    status: error.status,
    type: error.type,
    title: error.title,
    detail: error.detail ?? null,
    errors: error.errors,
    cap: typeof extra.cap === "string" ? extra.cap : null,
    overdueSpends: overdue.filter((s) => typeof s?.id === "string"),
  };
}

/** Records the timer should try now: waiting, due, this user's. */
export function dueForSending<T extends Pick<OutboxRecord, "userId" | "state" | "nextAttemptAt">>(records: readonly T[], userId: string, now: number): T[] {
  return records.filter((r) => r.userId === userId && r.state === "waiting" && r.nextAttemptAt <= now);
}

/**
 * The request that sends a write: a PUT of the whole text, or for a lost receipt a POST (the
 * server takes the same declaration again as the same one).
 */
export function writeRequest(write: OutboxWrite): { method: "PUT" | "POST"; path: string; body: Record<string, unknown>; headers: Record<string, string> } {
  const method = write.kind === "receipt-lost" ? "POST" : "PUT";
  return { method, path: `/api/spends/${encodeURIComponent(write.spendId)}/${write.kind}`, body: write.body, headers: { "Idempotency-Key": write.key } };
}

/** The writes a new one replaces: the same spend and form, not being sent right now. A receipt replaces none. */
export function supersededWrites(writes: readonly OutboxWrite[], next: Pick<OutboxWrite, "userId" | "spendId" | "kind">): OutboxWrite[] {
  if (next.kind === "receipt") return [];
  return writes.filter((w) => w.userId === next.userId && w.spendId === next.spendId && w.kind === next.kind && w.state !== "sending");
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

// ---- reading and writing -------------------------------------------------------------------

export interface NewOutboxRecord {
  userId: string;
  spend: OutboxSpend;
  label: OutboxRecord["label"];
  receipt: OutboxReceipt | null;
  /** The caller sends it straight away (it only counts as queued if that does not get through). */
  sendingNow: boolean;
}

/** Puts a spend in the outbox with a new idempotency key; nothing is sent yet. */
export async function addToOutbox(input: NewOutboxRecord): Promise<OutboxRecord> {
  const record: OutboxRecord = {
    key: newIdempotencyKey(),
    userId: input.userId,
    spend: { ...input.spend },
    label: { ...input.label },
    receipt: input.receipt,
    state: "waiting",
    frozen: false,
    attempts: 0,
    nextAttemptAt: 0,
    createdAt: new Date().toISOString(),
    lastTriedAt: null,
    spendId: null,
    problem: null,
    queued: !input.sendingNow,
  };
  await (await database()).put("outbox", record);
  emitOutboxChange();
  return record;
}

/** This user's records, newest first. */
export async function listOutbox(userId: string): Promise<OutboxRecord[]> {
  const records = await (await database()).getAllFromIndex("outbox", "byUser", userId);
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function getOutboxRecord(userId: string, key: string): Promise<OutboxRecord | null> {
  const record = await (await database()).get("outbox", key);
  return record && record.userId === userId ? record : null;
}

/** Removes a record the worker no longer wants sent (never one being sent right now). */
export async function discardOutboxRecord(userId: string, key: string): Promise<boolean> {
  if (inFlight.has(key)) return false;
  const db = await database();
  const tx = db.transaction("outbox", "readwrite");
  const record = await tx.store.get(key);
  if (!record || record.userId !== userId || record.state === "sending") {
    await tx.done;
    return false;
  }
  await tx.store.delete(key);
  await tx.done;
  emitOutboxChange();
  return true;
}

/** What the outbox sent lately for this user (spend ids), newest first. */
export async function listSent(userId: string): Promise<SentRecord[]> {
  const records = await (await database()).getAllFromIndex("sent", "byUser", userId);
  return records.sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

/** Puts what the worker wrote in the outbox, in place of an older text for the same spend and form. */
export async function addWriteToOutbox(input: Pick<OutboxWrite, "userId" | "spendId" | "kind" | "body" | "receipt">): Promise<OutboxWrite> {
  const write: OutboxWrite = { ...input, body: { ...input.body }, key: newIdempotencyKey(), state: "waiting", attempts: 0, nextAttemptAt: 0, createdAt: new Date().toISOString(), problem: null };
  const db = await database();
  const tx = db.transaction("writes", "readwrite");
  const older = supersededWrites(await tx.store.index("byUser").getAll(input.userId), input).filter((w) => !inFlightWrites.has(w.key));
  for (const old of older) await tx.store.delete(old.key);
  await tx.store.put(write);
  await tx.done;
  emitOutboxChange();
  return write;
}

/** Drops the waiting or refused texts for this spend and form: the worker sent a newer one straight away. */
export async function discardWrites(target: Pick<OutboxWrite, "userId" | "spendId" | "kind">): Promise<void> {
  const db = await database();
  const tx = db.transaction("writes", "readwrite");
  const stale = supersededWrites(await tx.store.index("byUser").getAll(target.userId), target).filter((w) => !inFlightWrites.has(w.key));
  for (const old of stale) await tx.store.delete(old.key);
  await tx.done;
  if (stale.length > 0) emitOutboxChange();
}

/** Drops one waiting or refused write (a receipt the worker no longer wants sent). */
export async function discardWrite(userId: string, key: string): Promise<void> {
  if (inFlightWrites.has(key)) return;
  const db = await database();
  const write = await db.get("writes", key);
  if (!write || write.userId !== userId || write.state === "sending") return;
  await db.delete("writes", key);
  emitOutboxChange();
}

/** This user's waiting and refused writes, oldest first. */
export async function listWrites(userId: string): Promise<OutboxWrite[]> {
  const writes = await (await database()).getAllFromIndex("writes", "byUser", userId);
  return writes.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

async function updateWrite(key: string, change: (write: OutboxWrite) => OutboxWrite): Promise<OutboxWrite | null> {
  const db = await database();
  const tx = db.transaction("writes", "readwrite");
  const current = await tx.store.get(key);
  const next = current ? change(current) : null;
  if (next) await tx.store.put(next);
  await tx.done;
  if (next) emitOutboxChange();
  return next;
}

async function update(key: string, change: (record: OutboxRecord) => OutboxRecord): Promise<OutboxRecord | null> {
  const db = await database();
  const tx = db.transaction("outbox", "readwrite");
  const current = await tx.store.get(key);
  if (!current) {
    await tx.done;
    return null;
  }
  const next = change(current);
  if (current.frozen && JSON.stringify(next.spend) !== JSON.stringify(current.spend)) {
    throw new Error("An outbox record is frozen once sending starts; correct it as a new record");
  }
  await tx.store.put(next);
  await tx.done;
  emitOutboxChange();
  return next;
}

async function confirmSent(record: OutboxRecord, spendId: string, receiptProblem: string | null): Promise<void> {
  const db = await database();
  const tx = db.transaction(["outbox", "sent"], "readwrite");
  await tx.objectStore("sent").put({ key: record.key, userId: record.userId, spendId, sentAt: new Date().toISOString(), receiptProblem, queued: record.queued, withReceipt: record.receipt !== null });
  await tx.objectStore("outbox").delete(record.key);
  await tx.done;
  emitOutboxChange();
}

// ---- sending ---------------------------------------------------------------------------------

export type SendResult =
  | { kind: "sent"; spendId: string; receiptProblem: string | null }
  /** The server has the spend; its receipt is still on its way, from the outbox. */
  | { kind: "saved"; spendId: string }
  | { kind: "refused"; problem: OutboxProblem }
  | { kind: "waiting"; offline: boolean }
  | { kind: "gone" };

const inFlight = new Map<string, Promise<SendResult>>();
/** Who is told the moment the server has a record's spend, before its receipt has gone. */
const savedListeners = new Map<string, (spendId: string) => void>();

/**
 * Sends one record now (single-flight per key). A record that needs attention is not sent
 * again: correct it as a new record instead.
 */
export function sendOutboxRecord(userId: string, key: string): Promise<SendResult> {
  let sending = inFlight.get(key);
  if (!sending) {
    sending = send(userId, key).finally(() => inFlight.delete(key));
    inFlight.set(key, sending);
  }
  return sending;
}

async function send(userId: string, key: string): Promise<SendResult> {
  const stored = await getOutboxRecord(userId, key);
  if (!stored) return { kind: "gone" };
  if (stored.state === "needs-attention" && stored.problem) return { kind: "refused", problem: stored.problem };

  const record = await update(key, (r) => ({ ...r, state: "sending", frozen: true, attempts: r.attempts + 1, lastTriedAt: new Date().toISOString() }));
  if (!record) return { kind: "gone" };

  const retryLater = async (error: unknown): Promise<SendResult> => {
    await update(key, (r) => ({ ...r, state: "waiting", queued: true, nextAttemptAt: Date.now() + waitBeforeRetry(error, backoffDelay(r.attempts)) }));
    return { kind: "waiting", offline: error instanceof NetworkError };
  };

  let spendId = record.spendId;
  if (spendId === null) {
    try {
      const created = await apiPost<{ id: string }>("/api/spends", record.spend, { headers: { "Idempotency-Key": record.key } });
      spendId = created.id;
    } catch (error) {
      if (classifyFailure(error) === "retry" || !(error instanceof ApiError)) return retryLater(error);
      const problem = problemFrom(error);
      await update(key, (r) => ({ ...r, state: "needs-attention", problem }));
      return { kind: "refused", problem };
    }
    const known = spendId;
    await update(key, (r) => ({ ...r, spendId: known }));
    if (record.receipt) savedListeners.get(key)?.(known);
  }

  let receiptProblem: string | null = null;
  if (record.receipt) {
    try {
      await uploadReceipt(spendId, record.receipt);
    } catch (error) {
      if (classifyFailure(error) === "retry" || !(error instanceof ApiError)) return retryLater(error);
      receiptProblem = error.fieldMessage("file") ?? error.detail ?? error.title;
    }
  }

  await confirmSent((await getOutboxRecord(userId, key)) ?? record, spendId, receiptProblem);
  return { kind: "sent", spendId, receiptProblem };
}

/**
 * Sends one record, answering as soon as the server has the spend: a receipt (seconds to
 * minutes on one bar of signal) then goes on from the outbox, and never holds up the worker.
 */
export function sendUntilSaved(userId: string, key: string): Promise<SendResult> {
  return new Promise<SendResult>((resolve, reject) => {
    savedListeners.set(key, (spendId) => resolve({ kind: "saved", spendId }));
    sendOutboxRecord(userId, key)
      .then(resolve, reject)
      .finally(() => savedListeners.delete(key));
  });
}

const inFlightWrites = new Map<string, Promise<SendResult["kind"]>>();

/** Sends one write now (single-flight per key); a refused one waits for the worker's correction. */
export function sendOutboxWrite(userId: string, key: string): Promise<SendResult["kind"]> {
  let sending = inFlightWrites.get(key);
  if (!sending) {
    sending = sendWrite(userId, key).finally(() => inFlightWrites.delete(key));
    inFlightWrites.set(key, sending);
  }
  return sending;
}

async function sendWrite(userId: string, key: string): Promise<SendResult["kind"]> {
  const stored = await (await database()).get("writes", key);
  if (!stored || stored.userId !== userId) return "gone";
  if (stored.state === "needs-attention") return "refused";
  const write = await updateWrite(key, (w) => ({ ...w, state: "sending", attempts: w.attempts + 1 }));
  if (!write) return "gone";
  try {
    if (write.receipt) await uploadReceipt(write.spendId, write.receipt);
    else {
      const request = writeRequest(write);
      await (request.method === "POST" ? apiPost : apiPut)<unknown>(request.path, request.body, { headers: request.headers });
    }
  } catch (error) {
    if (classifyFailure(error) === "retry" || !(error instanceof ApiError)) {
      await updateWrite(key, (w) => ({ ...w, state: "waiting", nextAttemptAt: Date.now() + waitBeforeRetry(error, backoffDelay(w.attempts)) }));
      return "waiting";
    }
    const problem = problemFrom(error);
    await updateWrite(key, (w) => ({ ...w, state: "needs-attention", problem }));
    return "refused";
  }
  await (await database()).delete("writes", key);
  removeDraft(write.kind, userId, write.spendId);
  emitOutboxChange();
  return "sent";
}

/** POST /api/spends/:id/receipts, multipart field `file`. */
async function uploadReceipt(spendId: string, receipt: OutboxReceipt): Promise<void> {
  const form = new FormData();
  form.append("file", receipt.blob, receipt.name || "receipt");
  await apiFetch(`/api/spends/${encodeURIComponent(spendId)}/receipts`, { method: "POST", body: form });
}

/**
 * Sends every waiting record of this user that is due (all of them with `force`), one at a
 * time, oldest first. Stops at the first sign of being offline. Calls made while a flush runs
 * share it.
 */
export const flushOutbox = singleFlight(async (userId: string, options: { force?: boolean } = {}): Promise<void> => {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return;
  const all = await listOutbox(userId);
  const due = options.force ? all.filter((r) => r.state === "waiting") : dueForSending(all, userId, Date.now());
  let offline = false;
  for (const record of due.reverse()) {
    const result = await sendOutboxRecord(userId, record.key);
    offline = result.kind === "waiting" && result.offline;
    if (offline) break;
  }
  // What was written about spends goes after the spends, oldest first, while there is a signal.
  const writes = await listWrites(userId);
  for (const write of offline ? [] : options.force ? writes.filter((w) => w.state === "waiting") : dueForSending(writes, userId, Date.now())) {
    if ((await sendOutboxWrite(userId, write.key)) === "waiting" && navigator.onLine === false) break;
  }
  await forgetOldSent(userId);
});

/** A record left "sending" by a closed app goes back to waiting: its key makes a resend safe. */
async function recoverInterrupted(userId: string): Promise<void> {
  for (const record of await listOutbox(userId)) {
    if (record.state === "sending" && !inFlight.has(record.key)) {
      await update(record.key, (r) => ({ ...r, state: "waiting", nextAttemptAt: 0 }));
    }
  }
  for (const write of await listWrites(userId)) {
    if (write.state === "sending" && !inFlightWrites.has(write.key)) {
      await updateWrite(write.key, (w) => ({ ...w, state: "waiting", nextAttemptAt: 0 }));
    }
  }
}

async function forgetOldSent(userId: string): Promise<void> {
  const cutoff = new Date(Date.now() - SENT_MEMORY_MS).toISOString();
  const db = await database();
  for (const sent of await db.getAllFromIndex("sent", "byUser", userId)) {
    if (sent.sentAt < cutoff) await db.delete("sent", sent.key);
  }
}

// ---- React ---------------------------------------------------------------------------------

const RETRY_TIMER_MS = 15_000;

/**
 * Keeps the outbox moving while the app is open: on start, when the connection comes back,
 * and on a timer (backoff decides whether each record is due).
 */
export function useOutboxSync(userId: string): void {
  useEffect(() => {
    let stopped = false;
    const run = (force = false) => {
      if (!stopped) void flushOutbox(userId, { force }).catch(() => undefined);
    };
    void recoverInterrupted(userId)
      .catch(() => undefined)
      .then(() => run(true));
    const onOnline = () => run(true);
    window.addEventListener("online", onOnline);
    const timer = window.setInterval(() => run(false), RETRY_TIMER_MS);
    return () => {
      stopped = true;
      window.removeEventListener("online", onOnline);
      window.clearInterval(timer);
    };
  }, [userId]);
}

export interface OutboxView {
  records: OutboxRecord[];
  sent: SentRecord[];
  writes: OutboxWrite[];
  loaded: boolean;
}

/** This user's outbox and recent sends, kept up to date as records change. */
export function useOutbox(userId: string): OutboxView {
  const [view, setView] = useState<OutboxView>({ records: [], sent: [], writes: [], loaded: false });
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      void Promise.all([listOutbox(userId), listSent(userId), listWrites(userId)])
        .then(([records, sent, writes]) => {
          if (!cancelled) setView({ records, sent, writes, loaded: true });
        })
        .catch(() => {
          if (!cancelled) setView((v) => ({ ...v, loaded: true }));
        });
    };
    load();
    const unsubscribe = subscribeToOutbox(load);
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [userId]);
  return view;
}
