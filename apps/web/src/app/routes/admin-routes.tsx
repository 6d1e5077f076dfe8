import type { RouteObject } from "react-router-dom";
import { AddClientPage } from "../../features/admin-clients/add-client-page.tsx";
import { ClientPage } from "../../features/admin-clients/client-page.tsx";
import { ClientsPage } from "../../features/admin-clients/clients-page.tsx";
import { LedgerCodePage } from "../../features/admin-ledger-codes/ledger-code-page.tsx";
import { LedgerCodesPage } from "../../features/admin-ledger-codes/ledger-codes-page.tsx";
import { SchemePage } from "../../features/admin-schemes/scheme-page.tsx";
import { EditSchemePage, NewSchemePage } from "../../features/admin-schemes/scheme-editor-page.tsx";
import { SchemesPage } from "../../features/admin-schemes/schemes-page.tsx";
import { AddTeamPage } from "../../features/admin-teams/add-team-page.tsx";
import { TeamPage } from "../../features/admin-teams/team-page.tsx";
import { TeamsPage } from "../../features/admin-teams/teams-page.tsx";
import { AddUserPage } from "../../features/admin-users/add-user-page.tsx";
import { DeactivateUserPage, ResetPasswordPage } from "../../features/admin-users/user-access-pages.tsx";
import { UserPage } from "../../features/admin-users/user-page.tsx";
import { UsersPage } from "../../features/admin-users/users-page.tsx";
import { ChangePasswordPage } from "../../features/change-password/change-password-page.tsx";
import { RequireRole } from "../guards.tsx";
import type { AreaNavigation } from "../navigation.ts";
import "../../styles/office-components.scss";

/** Pages of the admin area; router.tsx mounts them inside the signed-in layout. */
export const adminRoutes: RouteObject[] = [
  // Anyone signed in changes their own password here; someone with a temporary password is kept here until they do.
  { path: "change-password", element: <ChangePasswordPage /> },
  {
    element: <RequireRole roles={["admin"]} />,
    children: [
      { path: "admin/users", element: <UsersPage /> },
      { path: "admin/users/new", element: <AddUserPage /> },
      { path: "admin/users/:id", element: <UserPage /> },
      { path: "admin/users/:id/deactivate", element: <DeactivateUserPage /> },
      { path: "admin/users/:id/reset-password", element: <ResetPasswordPage /> },
      { path: "admin/teams", element: <TeamsPage /> },
      { path: "admin/teams/new", element: <AddTeamPage /> },
      { path: "admin/teams/:id", element: <TeamPage /> },
      { path: "admin/schemes", element: <SchemesPage /> },
      { path: "admin/schemes/new", element: <NewSchemePage /> },
      { path: "admin/schemes/:id", element: <SchemePage /> },
      { path: "admin/schemes/:id/edit", element: <EditSchemePage /> },
      { path: "admin/ledger-codes", element: <LedgerCodesPage /> },
      { path: "admin/ledger-codes/:category", element: <LedgerCodePage /> },
      { path: "admin/clients", element: <ClientsPage /> },
      { path: "admin/clients/new", element: <AddClientPage /> },
      { path: "admin/clients/:id", element: <ClientPage /> },
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
