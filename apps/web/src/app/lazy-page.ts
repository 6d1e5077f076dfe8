import type { ComponentType } from "react";
import type { RouteObject } from "../lib/router.tsx";

/**
 * A page whose code loads when it is first visited, so a phone on a weak signal fetches only the
 * page it is opening (issue 18: at most 100 kB of gzipped JavaScript before sign-in or log-a-spend
 * can be used). The service worker precaches the worker's pages for offline use, not the office areas'.
 */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): RouteObject["lazy"] {
  return async () => pick(await load());
}
