import type { RouteObject } from "react-router-dom";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the review area; router.tsx mounts them inside the signed-in layout. */
export const reviewRoutes: RouteObject[] = [];

/** Menu items this area adds, per role, in order after Home. */
export const reviewNavigation: AreaNavigation = {};
