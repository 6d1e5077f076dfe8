// Opening one of the app's IndexedDB databases, once per page, in a way sign-out can delete.
import { openDB } from "idb";
import type { DBSchema, IDBPDatabase, OpenDBCallbacks } from "idb";

/** A function that opens the database on first call and answers with the same connection after. */
export function appDatabase<T extends DBSchema>(name: string, version: number, upgrade: NonNullable<OpenDBCallbacks<T>["upgrade"]>): () => Promise<IDBPDatabase<T>> {
  let opened: Promise<IDBPDatabase<T>> | null = null;
  return () => {
    opened ??= openDB<T>(name, version, {
      upgrade,
      // Sign-out deletes the database: let go of it so the deletion is not blocked.
      blocking() {
        void opened?.then((db) => db.close());
        opened = null;
      },
      terminated() {
        opened = null;
      },
    }).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };
}
