import { useState } from "react";
import { Link, useLocation } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ROLE_LABELS } from "../../lib/auth.tsx";
import { useTeamOptions, useUsers } from "./users-api.ts";

/** Everyone who can sign in, or could: name, email, role, team and whether they are active. */
export function UsersPage() {
  usePageTitle("Users");
  const flash = flashFrom(useLocation().state);
  const users = useUsers();
  const teams = useTeamOptions();
  const [search, setSearch] = useState("");
  const teamName = (id: string | null | undefined) =>
    id && teams.state.status === "loaded" ? (teams.state.data.find((t) => t.id === id)?.name ?? "") : "";

  const needle = search.trim().toLowerCase();
  const shown =
    users.state.status === "loaded"
      ? users.state.data
          .filter((u) => needle === "" || `${u.name} ${u.email} ${u.staffId ?? ""}`.toLowerCase().includes(needle))
          .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))
      : [];

  return (
    <>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <h1 className="govuk-heading-l">Users</h1>
      <Link className="govuk-button" to="/admin/users/new">
        Add a user
      </Link>
      {users.state.status === "loading" ? <Loading label="Loading users" /> : null}
      {users.state.status === "failed" ? <LoadFailed what="the users" error={users.state.error} onRetry={users.reload} /> : null}
      {users.state.status === "loaded" ? (
        <>
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="user-search">
              Find a user
            </label>
            <div id="user-search-hint" className="govuk-hint">
              By name, email address or staff ID
            </div>
            <input
              id="user-search"
              className="govuk-input govuk-input--width-20"
              type="search"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="user-search-hint"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <p className="govuk-body" aria-live="polite">
            {needle === "" ? `${shown.length} users` : `${shown.length} of ${users.state.data.length} users match`}
          </p>
          {shown.length > 0 ? (
            <ScrollTable caption="Users" testId="users" columns={["Name and email", "Role and team"]}>
              {shown.map((user) => (
                <tr className="govuk-table__row" key={user.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/admin/users/${user.id}`}>
                      {user.name}
                    </Link>
                    <span className="gt-table-secondary">{user.email}</span>
                    {!user.active ? (
                      <strong className="govuk-tag govuk-tag--grey govuk-!-margin-top-1">Deactivated</strong>
                    ) : user.mustChangePassword ? (
                      <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-top-1">Temporary password</strong>
                    ) : null}
                  </th>
                  <td className="govuk-table__cell">
                    {ROLE_LABELS[user.role]}
                    <span className="gt-table-secondary">{user.teamName ?? teamName(user.teamId)}</span>
                  </td>
                </tr>
              ))}
            </ScrollTable>
          ) : null}
        </>
      ) : null}
    </>
  );
}
