import type { RouteObject } from "../../lib/router.tsx";
import { RequireRole } from "../guards.tsx";
import { lazyPage } from "../lazy-page.ts";
import type { AreaNavigation } from "../navigation.ts";
import "../../styles/office-components.scss";

/** Pages of the admin area; router.tsx mounts them inside the signed-in layout. */
export const adminRoutes: RouteObject[] = [
  // Anyone signed in changes their own password here; someone with a temporary password is kept here until they do.
  { path: "change-password", lazy: lazyPage(() => import("../../features/change-password/change-password-page.tsx"), (m) => m.ChangePasswordPage) },
  // Anyone signed in sets up a second factor here; someone whose role needs one is kept here until they do.
  { path: "second-factor", lazy: lazyPage(() => import("../../features/second-factor/second-factor-page.tsx"), (m) => m.SecondFactorPage) },
  {
    element: <RequireRole roles={["admin"]} />,
    children: [
      { path: "admin/users", lazy: lazyPage(() => import("../../features/admin-users/users-page.tsx"), (m) => m.UsersPage) },
      { path: "admin/users/new", lazy: lazyPage(() => import("../../features/admin-users/add-user-page.tsx"), (m) => m.AddUserPage) },
      { path: "admin/users/:id", lazy: lazyPage(() => import("../../features/admin-users/user-page.tsx"), (m) => m.UserPage) },
      { path: "admin/users/:id/deactivate", lazy: lazyPage(() => import("../../features/admin-users/user-access-pages.tsx"), (m) => m.DeactivateUserPage) },
      { path: "admin/users/:id/reset-password", lazy: lazyPage(() => import("../../features/admin-users/user-access-pages.tsx"), (m) => m.ResetPasswordPage) },
      { path: "admin/users/:workerId/restrict", lazy: lazyPage(() => import("../../features/restrictions/restriction-pages.tsx"), (m) => m.RestrictPage) },
      {
        path: "admin/users/:workerId/restrictions/:restrictionId/lift",
        lazy: lazyPage(() => import("../../features/restrictions/restriction-pages.tsx"), (m) => m.LiftRestrictionPage),
      },
      { path: "admin/teams", lazy: lazyPage(() => import("../../features/admin-teams/teams-page.tsx"), (m) => m.TeamsPage) },
      { path: "admin/teams/new", lazy: lazyPage(() => import("../../features/admin-teams/add-team-page.tsx"), (m) => m.AddTeamPage) },
      { path: "admin/teams/:id", lazy: lazyPage(() => import("../../features/admin-teams/team-page.tsx"), (m) => m.TeamPage) },
      { path: "admin/schemes", lazy: lazyPage(() => import("../../features/admin-schemes/schemes-page.tsx"), (m) => m.SchemesPage) },
      { path: "admin/schemes/new", lazy: lazyPage(() => import("../../features/admin-schemes/scheme-editor-page.tsx"), (m) => m.NewSchemePage) },
      { path: "admin/schemes/:id", lazy: lazyPage(() => import("../../features/admin-schemes/scheme-page.tsx"), (m) => m.SchemePage) },
      { path: "admin/schemes/:id/edit", lazy: lazyPage(() => import("../../features/admin-schemes/scheme-editor-page.tsx"), (m) => m.EditSchemePage) },
      { path: "admin/ledger-codes", lazy: lazyPage(() => import("../../features/admin-ledger-codes/ledger-codes-page.tsx"), (m) => m.LedgerCodesPage) },
      { path: "admin/clearing-accounts/:paymentMethod", lazy: lazyPage(() => import("../../features/admin-ledger-codes/clearing-account-page.tsx"), (m) => m.ClearingAccountPage) },
      { path: "admin/ledger-codes/:category", lazy: lazyPage(() => import("../../features/admin-ledger-codes/ledger-code-page.tsx"), (m) => m.LedgerCodePage) },
      { path: "admin/clients", lazy: lazyPage(() => import("../../features/admin-clients/clients-page.tsx"), (m) => m.ClientsPage) },
      { path: "admin/clients/new", lazy: lazyPage(() => import("../../features/admin-clients/add-client-page.tsx"), (m) => m.AddClientPage) },
      { path: "admin/clients/:id", lazy: lazyPage(() => import("../../features/admin-clients/client-page.tsx"), (m) => m.ClientPage) },
    ],
  },
];

/** Menu items this area adds, per role, in order after Home. */
export const adminNavigation: AreaNavigation = {
  admin: [
    { label: "Users", to: "/admin/users" },
    { label: "Teams", to: "/admin/teams" },
    { label: "Schemes", to: "/admin/schemes" },
    { label: "Ledger codes", to: "/admin/ledger-codes" },
    { label: "Clients", to: "/admin/clients" },
  ],
};
