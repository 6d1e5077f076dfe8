import type { RouteObject } from "../../lib/router.tsx";
import { RequireRole } from "../guards.tsx";
import { lazyPage } from "../lazy-page.ts";
import type { AreaNavigation } from "../navigation.ts";
import "./worker-routes.scss";

const SPENDERS = ["worker", "supervisor"] as const;

/**
 * Pages of the worker area; router.tsx mounts them inside the signed-in layout. Each loads when first
 * visited, so the sign-in page and then log-a-spend each fetch only their own code (issue 18); the
 * service worker precaches them all for use offline.
 */
export const workerRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={SPENDERS} />,
    children: [
      { path: "spends/new", lazy: lazyPage(() => import("../../features/log-spend/log-spend-page.tsx"), (m) => m.LogSpendPage) },
      { path: "spends", lazy: lazyPage(() => import("../../features/my-spends/my-spends-page.tsx"), (m) => m.MySpendsPage) },
      { path: "spends/:id/justify", lazy: lazyPage(() => import("../../features/justify/justify-page.tsx"), (m) => m.JustifyPage) },
      { path: "spends/:id/follow-up", lazy: lazyPage(() => import("../../features/follow-up/follow-up-page.tsx"), (m) => m.FollowUpPage) },
      { path: "todo", lazy: lazyPage(() => import("../../features/todo/todo-page.tsx"), (m) => m.TodoPage) },
    ],
  },
  // Anyone signed in who may see the spend (the API answers 404 otherwise).
  { path: "spends/:id", lazy: lazyPage(() => import("../../features/spend-detail/spend-page.tsx"), (m) => m.SpendPage) },
  { path: "settings/reminders", lazy: lazyPage(() => import("../../features/reminder-settings/reminder-settings-page.tsx"), (m) => m.ReminderSettingsPage) },
  { path: "notifications", lazy: lazyPage(() => import("../../features/notifications/notifications-page.tsx"), (m) => m.NotificationsPage) },
];

/** Menu items this area adds, per role, in order after Home. */
export const workerNavigation: AreaNavigation = {
  worker: [
    { label: "Log a spend", to: "/spends/new" },
    { label: "My spends", to: "/spends" },
    { label: "To do", to: "/todo" },
    { label: "Notifications", to: "/notifications" },
  ],
  supervisor: [
    { label: "Log a spend", to: "/spends/new" },
    { label: "My spends", to: "/spends" },
    { label: "Notifications", to: "/notifications" },
  ],
};
