import type { ComponentType } from "react";
import type { RouteObject } from "react-router-dom";

/**
 * A page whose code loads when it is first visited. The office areas (review, audit, finance,
 * admin) load this way so a worker's phone, on a weak signal, fetches only the worker's pages
 * before it can show the first one; the service worker still precaches the rest for offline use.
 */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): RouteObject["lazy"] {
  return async () => ({ Component: pick(await load()) });
}
