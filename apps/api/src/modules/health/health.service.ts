import type { Db } from "@greentape/db/client";
import { pingDatabase } from "./health.queries.ts";

export function createHealthService(deps: { db: Db }) {
  return {
    /** Ready to serve: everything a request needs answers. Today that is the database alone. */
    ready: () => pingDatabase(deps.db),
  };
}

export type HealthService = ReturnType<typeof createHealthService>;
