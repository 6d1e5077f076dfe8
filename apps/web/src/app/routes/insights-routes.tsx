import type { RouteObject } from "../../lib/router.tsx";
import { RequireRole } from "../guards.tsx";
import { lazyPage } from "../lazy-page.ts";
import type { AreaNavigation } from "../navigation.ts";

/**
 * "What it achieved": supervisors (their own team; the API keeps to it), auditors, finance and
 * admins. Its pages and their chart library (Observable Plot) load only when the area is opened.
 */
export const insightsRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["supervisor", "auditor", "finance", "admin"]} />,
    children: [
      { path: "achieved", lazy: lazyPage(() => import("../../features/insights/outcomes-page.tsx"), (m) => m.OutcomesPage) },
      { path: "achieved/equity", lazy: lazyPage(() => import("../../features/insights/equity-page.tsx"), (m) => m.EquityPage) },
      { path: "achieved/value", lazy: lazyPage(() => import("../../features/insights/value-page.tsx"), (m) => m.ValuePage) },
      { path: "achieved/uptake", lazy: lazyPage(() => import("../../features/insights/uptake-page.tsx"), (m) => m.UptakePage) },
    ],
  },
];

const ACHIEVED = { label: "What it achieved", to: "/achieved" };

/** Menu items this area adds, per role, in order after Home. */
export const insightsNavigation: AreaNavigation = {
  supervisor: [ACHIEVED],
  auditor: [ACHIEVED],
  finance: [ACHIEVED],
  admin: [ACHIEVED],
};
