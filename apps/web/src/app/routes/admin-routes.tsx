import type { RouteObject } from "react-router-dom";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the admin area; router.tsx mounts them inside the signed-in layout. */
export const adminRoutes: RouteObject[] = [];

/** Menu items this area adds, per role, in order after Home. */
export const adminNavigation: AreaNavigation = {};
