import type { RouteObject } from "../../lib/router.tsx";
import { RequireRole } from "../guards.tsx";
import { lazyPage } from "../lazy-page.ts";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the review area; router.tsx mounts them inside the signed-in layout. */
export const reviewRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["supervisor"]} />,
    children: [
      { path: "review", lazy: lazyPage(() => import("../../features/review-queue/review-queue-page.tsx"), (m) => m.ReviewQueuePage) },
      { path: "review/:spendId", lazy: lazyPage(() => import("../../features/review/review-page.tsx"), (m) => m.ReviewPage) },
      { path: "team", lazy: lazyPage(() => import("../../features/team-summary/team-summary-page.tsx"), (m) => m.TeamSummaryPage) },
      { path: "team/people", lazy: lazyPage(() => import("../../features/team-oversight/team-members-page.tsx"), (m) => m.TeamMembersPage) },
      { path: "team/spends", lazy: lazyPage(() => import("../../features/team-oversight/team-spends-page.tsx"), (m) => m.TeamSpendsPage) },
      { path: "team/workers/:workerId", lazy: lazyPage(() => import("../../features/team-summary/worker-page.tsx"), (m) => m.WorkerPage) },
      { path: "team/workers/:workerId/restrict", lazy: lazyPage(() => import("../../features/restrictions/restriction-pages.tsx"), (m) => m.RestrictPage) },
      {
        path: "team/workers/:workerId/restrictions/:restrictionId/lift",
        lazy: lazyPage(() => import("../../features/restrictions/restriction-pages.tsx"), (m) => m.LiftRestrictionPage),
      },
    ],
  },
  {
    // A client's page: for the supervisor of the client's team (the API checks the team), auditors and admins.
    element: <RequireRole roles={["supervisor", "auditor", "admin"]} />,
    children: [{ path: "clients/:clientId", lazy: lazyPage(() => import("../../features/client-page/client-page.tsx"), (m) => m.ClientPage) }],
  },
  {
    // A client's equality-monitoring answers: their team's supervisor and admins (the API checks the team).
    element: <RequireRole roles={["supervisor", "admin"]} />,
    children: [
      {
        path: "clients/:clientId/equality-monitoring",
        lazy: lazyPage(() => import("../../features/client-page/equality-monitoring-page.tsx"), (m) => m.EqualityMonitoringPage),
      },
    ],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const reviewNavigation: AreaNavigation = {
  supervisor: [
    { label: "Review queue", to: "/review" },
    { label: "Team", to: "/team" },
    { label: "Team spends", to: "/team/spends" },
  ],
};
