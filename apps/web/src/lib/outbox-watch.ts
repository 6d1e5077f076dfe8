// What a page sees of the offline outbox (outbox.ts) without loading it and IndexedDB's wrapper:
// its changes, in this tab and others, and whether it has anything to do. An empty outbox is the
// usual case, and log-a-spend is usable before the outbox's code arrives (issue 18).

export const OUTBOX_DATABASE = "green-tape-outbox";

/** How long the outbox remembers what it sent, so My spends can say "Sent". */
export const SENT_MEMORY_MS = 14 * 24 * 60 * 60 * 1000;

type Listener = () => void;
const listeners = new Set<Listener>();
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(OUTBOX_DATABASE) : null;
channel?.addEventListener("message", () => emitOutboxChange(false));

/** Tells this tab's listeners, and other tabs, that the outbox changed. */
export function emitOutboxChange(broadcast = true): void {
  for (const listener of listeners) listener();
  if (broadcast) channel?.postMessage("changed");
}

export function subscribeToOutbox(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Whether the outbox has work for this user: records or writes to send (or left mid-send), or
 * sent records old enough to forget. A phone that never had an outbox has none, and the check
 * does not make one: the database is made, with its stores, by the outbox when it first opens.
 */
export function outboxHasWork(userId: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(OUTBOX_DATABASE);
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => (request.error?.name === "AbortError" ? resolve(false) : reject(request.error ?? new Error("The outbox could not be opened")));
    request.onsuccess = () => {
      const db = request.result;
      // Sign-out deletes the database: never hold that up.
      db.onversionchange = () => db.close();
      const stores = ["outbox", "writes", "sent"].filter((name) => db.objectStoreNames.contains(name));
      if (stores.length === 0) {
        db.close();
        resolve(false);
        return;
      }
      const tx = db.transaction(stores, "readonly");
      let work = false;
      for (const name of stores) {
        const byUser = tx.objectStore(name).index("byUser");
        if (name === "sent") {
          const cutoff = new Date(Date.now() - SENT_MEMORY_MS).toISOString();
          const sent = byUser.getAll(userId);
          sent.onsuccess = () => {
            if ((sent.result as { sentAt: string }[]).some((record) => record.sentAt < cutoff)) work = true;
          };
        } else {
          const count = byUser.count(userId);
          count.onsuccess = () => {
            if (count.result > 0) work = true;
          };
        }
      }
      tx.oncomplete = () => {
        db.close();
        resolve(work);
      };
      tx.onabort = () => {
        db.close();
        reject(tx.error ?? new Error("The outbox could not be read"));
      };
    };
  });
}
