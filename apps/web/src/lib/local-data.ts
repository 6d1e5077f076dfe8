// Everything the app keeps on the device, and how to forget it at sign-out.
//
// Cleared: every IndexedDB database of this origin (the offline outbox, drafts, cached
// lists), every Cache Storage cache that is not the service worker's app-shell precache
// (so API data cached by any later feature goes too), and Web Storage.
// Kept: the precached app shell, which holds no personal data and lets the sign-in page
// open with no signal; the event log's checkpoints an auditor's browser has seen
// (green-tape-log: sizes and root hashes, no personal data), which only count if kept; and a
// sign-out still to be sent to the server (a time, no personal data), which must outlive this.

import { SIGN_OUT_PENDING_KEY } from "./api-client.ts";

/** Names of the IndexedDB databases the app creates. Features add theirs here. */
export const APP_DATABASES: readonly string[] = ["green-tape", "green-tape-outbox"];

/** Where an auditor's browser keeps the log's checkpoints it has seen: kept at sign-out, since they witness the log only for as long as they are kept. */
export const LOG_WITNESS_DATABASE = "green-tape-log";
const KEPT_DATABASES: readonly string[] = [LOG_WITNESS_DATABASE];

const APP_SHELL_CACHE_PREFIX = "workbox-precache";

export async function clearLocalData(): Promise<void> {
  await Promise.allSettled([clearDatabases(), clearCaches(), clearWebStorage()]);
}

async function clearDatabases(): Promise<void> {
  if (typeof indexedDB === "undefined") return;
  const names = new Set(APP_DATABASES);
  // indexedDB.databases() lists them all where the browser supports it.
  if (typeof indexedDB.databases === "function") {
    try {
      for (const db of await indexedDB.databases()) if (db.name) names.add(db.name);
    } catch {
      // Fall back to the known names.
    }
  }
  await Promise.allSettled([...names].filter((name) => !KEPT_DATABASES.includes(name)).map(deleteDatabase));
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
    // Another tab holds it open: it is deleted as soon as that tab lets go.
    request.onblocked = () => resolve();
  });
}

async function clearCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  const keys = await caches.keys();
  await Promise.allSettled(
    keys.filter((key) => !key.startsWith(APP_SHELL_CACHE_PREFIX)).map((key) => caches.delete(key)),
  );
}

async function clearWebStorage(): Promise<void> {
  try {
    const signOutPending = localStorage.getItem(SIGN_OUT_PENDING_KEY);
    localStorage.clear();
    if (signOutPending !== null) localStorage.setItem(SIGN_OUT_PENDING_KEY, signOutPending);
    sessionStorage.clear();
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): nothing to clear.
  }
}
