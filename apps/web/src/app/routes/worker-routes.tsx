import type { RouteObject } from "react-router-dom";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the worker area; router.tsx mounts them inside the signed-in layout. */
export const workerRoutes: RouteObject[] = [];

/** Menu items this area adds, per role, in order after Home. */
export const workerNavigation: AreaNavigation = {};
