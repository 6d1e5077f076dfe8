import type { RouteObject } from "../../lib/router.tsx";
import { RequireRole } from "../guards.tsx";
import { lazyPage } from "../lazy-page.ts";
import type { AreaNavigation } from "../navigation.ts";
import "../../styles/office-components.scss";

/** Pages of the finance area; router.tsx mounts them inside the signed-in layout. */
export const financeRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["finance"]} />,
    children: [
      { path: "periods", lazy: lazyPage(() => import("../../features/finance/periods-page.tsx"), (m) => m.PeriodsPage) },
      { path: "periods/:period", lazy: lazyPage(() => import("../../features/finance/period-page.tsx"), (m) => m.PeriodPage) },
      { path: "periods/:period/breakdown", lazy: lazyPage(() => import("../../features/finance/breakdown-page.tsx"), (m) => m.BreakdownPage) },
      { path: "periods/:period/close", lazy: lazyPage(() => import("../../features/finance/close-period-page.tsx"), (m) => m.ClosePeriodPage) },
    ],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const financeNavigation: AreaNavigation = {
  finance: [{ label: "Periods", to: "/periods" }],
};
