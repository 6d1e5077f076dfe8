import type { RouteObject } from "react-router-dom";
import { ClientPage } from "../../features/client-page/client-page.tsx";
import { ReviewPage } from "../../features/review/review-page.tsx";
import { ReviewQueuePage } from "../../features/review-queue/review-queue-page.tsx";
import { TeamSummaryPage } from "../../features/team-summary/team-summary-page.tsx";
import { WorkerPage } from "../../features/team-summary/worker-page.tsx";
import { RequireRole } from "../guards.tsx";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the review area; router.tsx mounts them inside the signed-in layout. */
export const reviewRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["supervisor"]} />,
    children: [
      { path: "review", element: <ReviewQueuePage /> },
      { path: "review/:spendId", element: <ReviewPage /> },
      { path: "team", element: <TeamSummaryPage /> },
      { path: "team/workers/:workerId", element: <WorkerPage /> },
    ],
  },
  {
    // A client's page: for the supervisor of the client's team (the API checks the team), auditors and admins.
    element: <RequireRole roles={["supervisor", "auditor", "admin"]} />,
    children: [{ path: "clients/:clientId", element: <ClientPage /> }],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const reviewNavigation: AreaNavigation = {
  supervisor: [
    { label: "Review queue", to: "/review" },
    { label: "Team", to: "/team" },
  ],
};
