import type { RouteObject } from "../../lib/router.tsx";
import { RequireRole } from "../guards.tsx";
import { lazyPage } from "../lazy-page.ts";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the audit area; router.tsx mounts them inside the signed-in layout. */
export const auditRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["auditor"]} />,
    children: [
      { path: "audit", lazy: lazyPage(() => import("../../features/audit/audit-home-page.tsx"), (m) => m.AuditHomePage) },
      { path: "audit/queue", lazy: lazyPage(() => import("../../features/audit/audit-queue-page.tsx"), (m) => m.AuditQueuePage) },
      { path: "audit/samples/new", lazy: lazyPage(() => import("../../features/audit/draw-sample-page.tsx"), (m) => m.DrawSamplePage) },
      { path: "audit/samples/:sampleId", lazy: lazyPage(() => import("../../features/audit/sample-page.tsx"), (m) => m.SamplePage) },
      { path: "audit/samples/:sampleId/report", lazy: lazyPage(() => import("../../features/audit/report-page.tsx"), (m) => m.ReportPage) },
      { path: "audit/samples/:sampleId/items/:spendId", lazy: lazyPage(() => import("../../features/audit/audit-case-page.tsx"), (m) => m.SampleCasePage) },
      { path: "audit/spends/:spendId", lazy: lazyPage(() => import("../../features/audit/audit-case-page.tsx"), (m) => m.ConcernCasePage) },
    ],
  },
  {
    // Admins may verify the log too (the API allows both).
    element: <RequireRole roles={["auditor", "admin"]} />,
    children: [{ path: "event-log", lazy: lazyPage(() => import("../../features/audit/event-log-page.tsx"), (m) => m.EventLogPage) }],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const auditNavigation: AreaNavigation = {
  auditor: [
    { label: "Audit", to: "/audit" },
    { label: "Event log", to: "/event-log" },
  ],
};
