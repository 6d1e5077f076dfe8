import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError } from "../../lib/api-client.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { describeApiError } from "../../lib/use-api-data.ts";
import { RestrictionsSection } from "../../components/restrictions-section.tsx";
import { USER_FIELD_IDS, UserFields, checkUserFields, serverFieldErrors } from "./user-fields.tsx";
import type { UserField, UserFieldErrors, UserFieldValues } from "./user-fields.tsx";
import { updateUser, useTeamOptions, useUsers } from "./users-api.ts";
import type { TeamOption, User } from "./users-api.ts";

/** One user: change their name, role, team or staff ID; reset their password; deactivate or reactivate them. */
export function UserPage() {
  const { id = "" } = useParams();
  const users = useUsers();
  const teams = useTeamOptions();
  const flash = flashFrom(useLocation().state);
  const user = users.state.status === "loaded" ? users.state.data.find((u) => u.id === id) : undefined;
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(user ? user.name : "User", hasErrors);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/users">
          Users
        </Link>
        {flash ? <SuccessBanner heading={flash} /> : null}
        {users.state.status === "loading" || teams.state.status === "loading" ? <Loading label="Loading the user" /> : null}
        {users.state.status === "failed" ? <LoadFailed what="the user" error={users.state.error} onRetry={users.reload} /> : null}
        {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
        {users.state.status === "loaded" && !user ? (
          <>
            <h1 className="govuk-heading-l">User not found</h1>
            <p className="govuk-body">
              <Link className="govuk-link" to="/admin/users">
                See all users
              </Link>
            </p>
          </>
        ) : null}
        {user && teams.state.status === "loaded" ? (
          <UserDetails key={user.id} user={user} teams={teams.state.data} onErrors={setHasErrors} reload={users.reload} />
        ) : null}
      </div>
    </div>
  );
}

const SUMMARY_ORDER: UserField[] = ["name", "role", "teamId", "staffId"];

interface UserDetailsProps {
  user: User;
  teams: TeamOption[];
  onErrors(hasErrors: boolean): void;
  reload(): void;
}

function UserDetails({ user, teams, onErrors, reload }: UserDetailsProps) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [values, setValues] = useState<UserFieldValues>({
    name: user.name,
    role: user.role,
    teamId: user.teamId ?? "",
    staffId: user.staffId ?? "",
  });
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const itsMe = user.id === me.id;

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...SUMMARY_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: USER_FIELD_IDS[field], message: errors[field] }] : [])),
  ];

  function show(nextErrors: UserFieldErrors, nextGeneral: string | null) {
    setErrors(nextErrors);
    setGeneral(nextGeneral);
    onErrors(Object.keys(nextErrors).length > 0 || nextGeneral !== null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving || values.role === "") return;
    const problems = checkUserFields(values);
    show(problems, null);
    if (Object.keys(problems).length > 0) return;
    setSaving(true);
    try {
      await updateUser(user.id, {
        name: values.name.trim(),
        role: values.role,
        teamId: values.teamId || null,
        staffId: values.staffId.trim() || null,
      });
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError) {
        const fromServer = serverFieldErrors((field) => error.fieldMessage(field));
        if (Object.keys(fromServer).length > 0) return show(fromServer, null);
      }
      return show({}, describeApiError(error));
    }
    setSaving(false);
    show({}, null);
    reload();
    void navigate(`/admin/users/${user.id}`, { replace: true, state: { flash: `${values.name.trim()} saved` } satisfies FlashState });
  }

  async function reactivate() {
    setSaving(true);
    try {
      await updateUser(user.id, { active: true });
      reload();
      void navigate(`/admin/users/${user.id}`, { replace: true, state: { flash: `${user.name} can sign in again` } satisfies FlashState });
    } catch (error) {
      show({}, describeApiError(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{user.email}</span>
      <h1 className="govuk-heading-l">{user.name}</h1>
      <SummaryList
        rows={[
          {
            key: "Status",
            value: user.active ? (
              <strong className="govuk-tag govuk-tag--green">Active</strong>
            ) : (
              <strong className="govuk-tag govuk-tag--grey">Deactivated</strong>
            ),
          },
          ...(user.mustChangePassword
            ? [{ key: "Password", value: "Temporary: they must choose their own when they next sign in" }]
            : []),
        ]}
      />

      <h2 className="govuk-heading-m">Details</h2>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <UserFields values={values} onChange={setValues} errors={errors} teams={teams} />
        <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
          {saving ? "Saving…" : "Save changes"}
        </button>
      </form>

      <h2 className="govuk-heading-m">Access</h2>
      {itsMe ? (
        <p className="govuk-body">
          This is your own account. To change your password,{" "}
          <Link className="govuk-link" to="/change-password">
            go to Change your password
          </Link>
          . Another admin can deactivate it.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            If {user.name} has forgotten their password, reset it: Green Tape makes a temporary one for you to give them.
          </p>
          <Link className="govuk-button govuk-button--secondary" to={`/admin/users/${user.id}/reset-password`}>
            Reset password
          </Link>
          {user.active ? (
            <>
              <p className="govuk-body">
                Deactivate {user.name} when they leave or should no longer spend. They are signed out at once. Their spends
                and history stay.
              </p>
              <Link className="govuk-button govuk-button--warning" to={`/admin/users/${user.id}/deactivate`}>
                Deactivate {user.name}
              </Link>
            </>
          ) : (
            <>
              <p className="govuk-body">{user.name} is deactivated and cannot sign in.</p>
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                aria-disabled={saving || undefined}
                onClick={() => void reactivate()}
              >
                Reactivate {user.name}
              </button>
            </>
          )}
        </>
      )}
      {user.active && !itsMe && (user.role === "worker" || user.role === "supervisor") ? <RestrictionsSection workerId={user.id} name={user.name} /> : null}
    </>
  );
}
