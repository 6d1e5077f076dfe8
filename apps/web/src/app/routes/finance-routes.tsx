import type { RouteObject } from "react-router-dom";
import { ClosePeriodPage } from "../../features/finance/close-period-page.tsx";
import { PeriodPage } from "../../features/finance/period-page.tsx";
import { PeriodsPage } from "../../features/finance/periods-page.tsx";
import { RequireRole } from "../guards.tsx";
import type { AreaNavigation } from "../navigation.ts";
import "../../styles/office-components.scss";

/** Pages of the finance area; router.tsx mounts them inside the signed-in layout. */
export const financeRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["finance"]} />,
    children: [
      { path: "periods", element: <PeriodsPage /> },
      { path: "periods/:period", element: <PeriodPage /> },
      { path: "periods/:period/close", element: <ClosePeriodPage /> },
    ],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const financeNavigation: AreaNavigation = {
  finance: [{ label: "Periods", to: "/periods" }],
};
