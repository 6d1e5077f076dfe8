// Reading data from the API into a page: GET, check the answer's shape with zod, and keep
// what was shown while it is fetched again after a change.

import { useCallback, useEffect, useState } from "react";
import type { z } from "zod/mini";
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
  /** Replaces the data with an answer the page already has (e.g. the spend a PUT returned). */
  set(data: T): void;
}

interface Settled<T> {
  key: string;
  attempt: number;
  state: ApiData<T>;
}

/** The data, if it has loaded. */
export function loadedData<T>(state: ApiData<T>): T | undefined {
  return state.status === "loaded" ? state.data : undefined;
}

/**
 * Calls `load` when `key` changes (null: nothing to load yet) and on `reload()`, and holds the
 * answer. `key` names what is loaded, e.g. `spend:${id}`: a new key shows "loading" rather than
 * the previous thing's data, unless `keepPrevious` says it is the same list, fresher.
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>, options: { keepPrevious?: boolean } = {}): ApiDataResult<T> {
  const [attempt, setAttempt] = useState(0);
  const [settled, setSettled] = useState<Settled<T> | null>(null);

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, attempt, state: { status: "loaded", data } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (!(error instanceof ApiError) && !(error instanceof NetworkError)) console.error(`Unexpected answer loading ${key}`, error);
        setSettled({ key, attempt, state: { status: "failed", error } });
      },
    );
    return () => controller.abort();
    // `load` is a new function each render; the key and the attempt say when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const set = useCallback(
    (data: T) => {
      if (key !== null) setSettled({ key, attempt, state: { status: "loaded", data } });
    },
    [key, attempt],
  );

  const result = (state: ApiData<T>, refreshing: boolean): ApiDataResult<T> => ({ state, refreshing, reload, set });
  if (settled === null) return result({ status: "loading" }, false);
  if (settled.key !== key) return options.keepPrevious && settled.state.status === "loaded" ? result(settled.state, true) : result({ status: "loading" }, false);
  if (settled.attempt === attempt) return result(settled.state, false);
  return settled.state.status === "loaded" ? result(settled.state, true) : result({ status: "loading" }, false);
}

/** Back online: what could not be loaded offline can be now. */
export function useReloadWhenOnline(reload: () => void): void {
  useEffect(() => {
    window.addEventListener("online", reload);
    return () => window.removeEventListener("online", reload);
  }, [reload]);
}

/**
 * GETs `path` (null: not yet) and parses the answer with `schema`, which must be a module-level
 * constant.
 */
export function useApiData<T>(path: string | null, schema: z.ZodMiniType<T>): ApiDataResult<T> {
  return useLoad(path, (signal) => apiGet<unknown>(path ?? "", { signal }).then((answer) => schema.parse(answer)));
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
