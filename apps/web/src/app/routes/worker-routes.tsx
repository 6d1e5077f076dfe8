import type { RouteObject } from "react-router-dom";
import { FollowUpPage } from "../../features/follow-up/follow-up-page.tsx";
import { JustifyPage } from "../../features/justify/justify-page.tsx";
import { LogSpendPage } from "../../features/log-spend/log-spend-page.tsx";
import { MySpendsPage } from "../../features/my-spends/my-spends-page.tsx";
import { NotificationsPage } from "../../features/notifications/notifications-page.tsx";
import { SpendPage } from "../../features/spend-detail/spend-page.tsx";
import { TodoPage } from "../../features/todo/todo-page.tsx";
import { RequireRole } from "../guards.tsx";
import type { AreaNavigation } from "../navigation.ts";
import "./worker-routes.scss";

const SPENDERS = ["worker", "supervisor"] as const;

/** Pages of the worker area; router.tsx mounts them inside the signed-in layout. */
export const workerRoutes: RouteObject[] = [
  {
    element: <RequireRole roles={SPENDERS} />,
    children: [
      { path: "spends/new", element: <LogSpendPage /> },
      { path: "spends", element: <MySpendsPage /> },
      { path: "spends/:id/justify", element: <JustifyPage /> },
      { path: "spends/:id/follow-up", element: <FollowUpPage /> },
      { path: "todo", element: <TodoPage /> },
    ],
  },
  // Anyone signed in who may see the spend (the API answers 404 otherwise).
  { path: "spends/:id", element: <SpendPage /> },
  { path: "notifications", element: <NotificationsPage /> },
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
