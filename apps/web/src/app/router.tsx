import type { RouteObject } from "../lib/router.tsx";
import { RequireSignedIn, SessionGate } from "./guards.tsx";
import { PublicLayout } from "./layouts/public-layout.tsx";
import { SignedInLayout } from "./layouts/signed-in-layout.tsx";
import { lazyPage } from "./lazy-page.ts";
import { NotFoundPage } from "./not-found-page.tsx";
import { adminRoutes } from "./routes/admin-routes.tsx";
import { auditRoutes } from "./routes/audit-routes.tsx";
import { financeRoutes } from "./routes/finance-routes.tsx";
import { insightsRoutes } from "./routes/insights-routes.tsx";
import { reviewRoutes } from "./routes/review-routes.tsx";
import { workerRoutes } from "./routes/worker-routes.tsx";

// Deep links work: the server answers every non-/api path with index.html (and so does the
// service worker, from its precache), then these routes pick the page (app.tsx).
export const routes: RouteObject[] = [
  {
    element: <SessionGate />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: "/sign-in", lazy: lazyPage(() => import("../features/sign-in/sign-in-page.tsx"), (m) => m.SignInPage) },
          { path: "/forgot-password", lazy: lazyPage(() => import("../features/password-reset/password-reset-pages.tsx"), (m) => m.ForgotPasswordPage) },
          { path: "/reset-password", lazy: lazyPage(() => import("../features/password-reset/password-reset-pages.tsx"), (m) => m.ResetPasswordPage) },
          // For anyone, signed in or not: the year's figures, with every small count withheld.
          { path: "/public/summary", lazy: lazyPage(() => import("../features/insights/public-summary-page.tsx"), (m) => m.PublicSummaryPage) },
        ],
      },
      {
        element: <RequireSignedIn />,
        children: [
          {
            element: <SignedInLayout />,
            children: [
              { index: true, lazy: lazyPage(() => import("../features/home/home-page.tsx"), (m) => m.HomePage) },
              // Each area's pages live in app/routes/<area>-routes.tsx, e.g.
              // { element: <RequireRole roles={["worker"]} />, children: [{ path: "spends/new", element: <LogSpendPage /> }] },
              ...workerRoutes,
              ...reviewRoutes,
              ...auditRoutes,
              ...financeRoutes,
              ...adminRoutes,
              ...insightsRoutes,
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
