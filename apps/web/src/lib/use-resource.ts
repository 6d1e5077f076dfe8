// Loading one thing from the API into a page: what features' hooks are built on.
import { useCallback, useEffect, useState } from "react";

export type Resource<T> =
  | { status: "loading"; data?: undefined; error?: undefined }
  | { status: "ready"; data: T; error?: undefined }
  | { status: "error"; data?: undefined; error: unknown };

export interface ResourceHandle<T> {
  resource: Resource<T>;
  /** Loads again; the page keeps what it shows until the new answer arrives. */
  reload(): void;
  /** Replaces the data with an answer the page already has (e.g. the spend a PUT returned). */
  set(data: T): void;
}

/**
 * Calls `load` when `key` changes (and on `reload()`), and holds the answer. `key` names what is
 * loaded, e.g. `spend:${id}`; null waits (nothing to load yet).
 */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  options: { keepPrevious?: boolean } = {},
): ResourceHandle<T> {
  const [state, setState] = useState<{ key: string | null; resource: Resource<T> }>({ key, resource: { status: "loading" } });
  const [generation, setGeneration] = useState(0);

  // A new key means a new thing: show loading rather than the previous thing's data, unless
  // the key only says "the same list, fresher" (keepPrevious).
  const resource: Resource<T> = state.key === key || (options.keepPrevious && state.resource.status === "ready") ? state.resource : { status: "loading" };

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: "ready", data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: "error", error } });
      },
    );
    return () => controller.abort();
    // `load` is a new function each render; the key says when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const set = useCallback((data: T) => setState({ key, resource: { status: "ready", data } }), [key]);
  return { resource, reload, set };
}
