// Reading data from the API into a page: GET, check the answer's shape with zod, and keep
// what was shown while it is fetched again after a change.

import { useCallback, useEffect, useState } from "react";
import type { z } from "zod";
import { ApiError, NetworkError, apiGet } from "./api-client.ts";

export type ApiData<T> =
  | { status: "loading" }
  | { status: "failed"; error: unknown }
  | { status: "loaded"; data: T };

export interface ApiDataResult<T> {
  state: ApiData<T>;
  /** True while a reload runs with the earlier data still shown. */
  refreshing: boolean;
  /** Fetches again; the data already shown stays until the new answer arrives. */
  reload(): void;
}

interface Settled<T> {
  path: string;
  attempt: number;
  state: ApiData<T>;
}

/**
 * GETs `path` (null: not yet) and parses the answer with `schema`, which must be a module-level
 * constant (a new schema on every render would fetch on every render).
 */
export function useApiData<T>(path: string | null, schema: z.ZodType<T>): ApiDataResult<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    apiGet<unknown>(path, { signal: controller.signal })
      .then((answer) => schema.parse(answer))
      .then(
        (data) => {
          if (!controller.signal.aborted) setSettled({ path, attempt, state: { status: "loaded", data } });
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          if (!(error instanceof ApiError) && !(error instanceof NetworkError)) {
            console.error(`Unexpected answer from GET ${path}`, error);
          }
          setSettled({ path, attempt, state: { status: "failed", error } });
        },
      );
    return () => controller.abort();
  }, [path, attempt, schema]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  if (settled === null || settled.path !== path) return { state: { status: "loading" }, refreshing: false, reload };
  if (settled.attempt === attempt) return { state: settled.state, refreshing: false, reload };
  if (settled.state.status === "loaded") return { state: settled.state, refreshing: true, reload };
  return { state: { status: "loading" }, refreshing: false, reload };
}

/** What to tell someone when data could not be loaded or a change could not be saved. */
export function describeApiError(error: unknown): string {
  if (error instanceof NetworkError) return "Green Tape could not be reached. Check your connection and try again.";
  if (error instanceof ApiError) {
    if (error.status === 403) return "You do not have permission to do this.";
    if (error.status === 404) return "This could not be found. It may have been removed.";
    if (error.status === 429) return "There have been too many requests. Wait a minute, then try again.";
    if (error.status < 500 && error.detail) return error.detail;
  }
  return "Sorry, something went wrong. Try again in a moment.";
}
