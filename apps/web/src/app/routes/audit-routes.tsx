import type { RouteObject } from "react-router-dom";
import { ConcernCasePage, SampleCasePage } from "../../features/audit/audit-case-page.tsx";
import { AuditHomePage } from "../../features/audit/audit-home-page.tsx";
import { AuditQueuePage } from "../../features/audit/audit-queue-page.tsx";
import { DrawSamplePage } from "../../features/audit/draw-sample-page.tsx";
import { EventLogPage } from "../../features/audit/event-log-page.tsx";
import { ReportPage } from "../../features/audit/report-page.tsx";
import { SamplePage } from "../../features/audit/sample-page.tsx";
import { RequireRole } from "../guards.tsx";
import type { AreaNavigation } from "../navigation.ts";

/** Pages of the audit area; router.tsx mounts them inside the signed-in layout. */
export const auditRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={["auditor"]} />,
    children: [
      { path: "audit", element: <AuditHomePage /> },
      { path: "audit/queue", element: <AuditQueuePage /> },
      { path: "audit/samples/new", element: <DrawSamplePage /> },
      { path: "audit/samples/:sampleId", element: <SamplePage /> },
      { path: "audit/samples/:sampleId/report", element: <ReportPage /> },
      { path: "audit/samples/:sampleId/items/:spendId", element: <SampleCasePage /> },
      { path: "audit/spends/:spendId", element: <ConcernCasePage /> },
    ],
  },
  {
    // Admins may verify the log too (the API allows both).
    element: <RequireRole roles={["auditor", "admin"]} />,
    children: [{ path: "event-log", element: <EventLogPage /> }],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const auditNavigation: AreaNavigation = {
  auditor: [
    { label: "Audit", to: "/audit" },
    { label: "Event log", to: "/event-log" },
  ],
};
