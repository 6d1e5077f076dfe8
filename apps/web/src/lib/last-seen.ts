// What the phone last saw of a worker's lists (My spends, To do), so that with no signal they
// show that, marked with when, rather than nothing. Kept in IndexedDB per user and list, one
// copy each (the newest), and cleared with all local data at sign-out (local-data.ts lists
// the database).
import type { DBSchema } from "idb";
import { appDatabase } from "./app-database.ts";
import { NetworkError } from "./api-client.ts";

const DATABASE = "green-tape";
/** Raised when what a list keeps changes shape, so an older copy is never read as a newer one. */
const SHAPE = 1;

interface Kept {
  key: string;
  seenAt: string;
  data: unknown;
}

interface LastSeenDb extends DBSchema {
  "last-seen": { key: string; value: Kept };
}

const database = appDatabase<LastSeenDb>(DATABASE, 1, (db) => {
  db.createObjectStore("last-seen", { keyPath: "key" });
});

/** A list as loaded: from the server now (`lastSeenAt` null), or the phone's copy from then. */
export type Seen<T> = T & { lastSeenAt: string | null };

/**
 * Loads a list from the server and keeps a copy; with no signal, answers with the copy and
 * when it was seen. Anything but a lost connection (a refusal, a server fault) is not hidden
 * behind an old copy. `T` must survive structured cloning (Maps do).
 */
export async function loadOrLastSeen<T extends object>(userId: string, list: string, load: () => Promise<T>): Promise<Seen<T>> {
  const key = `${list}:${SHAPE}:${userId}`;
  try {
    const data = await load();
    void database()
      .then((db) => db.put("last-seen", { key, seenAt: new Date().toISOString(), data }))
      .catch(() => undefined);
    return { ...data, lastSeenAt: null };
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const kept = await database()
      .then((db) => db.get("last-seen", key))
      .catch(() => undefined);
    if (!kept) throw error;
    return { ...(kept.data as T), lastSeenAt: kept.seenAt };
  }
}
