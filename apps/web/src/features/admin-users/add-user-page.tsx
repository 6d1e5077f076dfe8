import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "../../lib/router.tsx";
import { passwordProblem } from "@greentape/domain/password-policy";
import type { Role } from "@greentape/domain/roles";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError } from "../../lib/api-client.ts";
import { ROLE_LABELS } from "../../lib/auth.tsx";
import { describeApiError } from "../../lib/use-api-data.ts";
import { OneTimePassword } from "./one-time-password.tsx";
import { USER_FIELD_IDS, UserFields, checkUserFields, serverFieldErrors } from "./user-fields.tsx";
import type { UserField, UserFieldErrors, UserFieldValues } from "./user-fields.tsx";
import { createUser, useTeamOptions } from "./users-api.ts";
import type { User } from "./users-api.ts";

const SUMMARY_ORDER: UserField[] = ["name", "email", "role", "teamId", "staffId", "temporaryPassword"];

interface Created {
  user: User | null;
  name: string;
  email: string;
  role: Role;
  teamName: string | null;
  temporaryPassword: string;
}

/** Adding a user with a role, a team and a temporary password that is shown once. */
export function AddUserPage() {
  const teams = useTeamOptions();
  const [values, setValues] = useState<UserFieldValues>({ name: "", role: "", teamId: "", staffId: "" });
  const [email, setEmail] = useState("");
  const [temporaryPassword, setTemporaryPassword] = useState("");
  const [errors, setErrors] = useState<UserFieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...SUMMARY_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: USER_FIELD_IDS[field], message: errors[field] }] : [])),
  ];
  usePageTitle(created ? "User added" : "Add a user", summary.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const problems = checkUserFields(values);
    const address = email.trim().toLowerCase();
    if (address === "") problems.email = "Enter the person's work email address";
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) problems.email = "Enter an email address in the correct format, like name@example.org";
    if (temporaryPassword !== "") {
      const weakness = passwordProblem(temporaryPassword, { email: address, name: values.name });
      if (weakness) problems.temporaryPassword = weakness;
    }
    setGeneral(null);
    setErrors(problems);
    if (Object.keys(problems).length > 0 || values.role === "") return;

    setSaving(true);
    try {
      const answer = await createUser({
        email: address,
        name: values.name.trim(),
        role: values.role,
        ...(values.teamId ? { teamId: values.teamId } : {}),
        ...(values.staffId.trim() ? { staffId: values.staffId.trim() } : {}),
        ...(temporaryPassword ? { temporaryPassword } : {}),
      });
      const teamName = teams.state.status === "loaded" ? (teams.state.data.find((t) => t.id === values.teamId)?.name ?? null) : null;
      setCreated({
        user: answer.user,
        name: values.name.trim(),
        email: address,
        role: values.role,
        teamName,
        temporaryPassword: answer.temporaryPassword,
      });
      setTemporaryPassword("");
    } catch (error) {
      if (error instanceof ApiError) {
        const fromServer = serverFieldErrors((field) => error.fieldMessage(field));
        if (Object.keys(fromServer).length > 0) {
          setErrors(fromServer);
          return;
        }
        if (error.status === 409) {
          setErrors({ email: error.detail ?? "There is already a user with this email address" });
          return;
        }
      }
      setGeneral(describeApiError(error));
    } finally {
      setSaving(false);
    }
  }

  if (created) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">User added</h1>
            <div className="govuk-panel__body">{created.name} can now sign in</div>
          </div>
          <SummaryList
            rows={[
              { key: "Email", value: <span className="gt-code">{created.email}</span> },
              { key: "Role", value: ROLE_LABELS[created.role] },
              { key: "Team", value: created.teamName ?? "None" },
            ]}
          />
          <OneTimePassword password={created.temporaryPassword} name={created.name} />
          <ul className="govuk-list">
            {created.user ? (
              <li>
                <Link className="govuk-link" to={`/admin/users/${created.user.id}`}>
                  See {created.name}&rsquo;s details
                </Link>
              </li>
            ) : null}
            <li>
              <Link className="govuk-link" to="/admin/users" replace>
                Back to all users
              </Link>
            </li>
          </ul>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/users">
          Users
        </Link>
        <ErrorSummary errors={summary} />
        <h1 className="govuk-heading-l">Add a user</h1>
        {teams.state.status === "loading" ? <Loading label="Loading teams" /> : null}
        {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
        {teams.state.status === "loaded" ? (
          <form noValidate onSubmit={(event) => void handleSubmit(event)}>
            <TextInput
              id={USER_FIELD_IDS.email}
              label="Work email address"
              hint="They sign in with it."
              type="email"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={errors.email}
            />
            <UserFields values={values} onChange={setValues} errors={errors} teams={teams.state.data} />
            <TextInput
              id={USER_FIELD_IDS.temporaryPassword}
              label="Temporary password (optional)"
              hint="Leave this empty and Green Tape makes one. Either way it is shown once, and they must change it when they first sign in."
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="none"
              value={temporaryPassword}
              onChange={(event) => setTemporaryPassword(event.target.value)}
              error={errors.temporaryPassword}
            />
            <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
              {saving ? "Adding…" : `Add ${values.role ? ROLE_LABELS[values.role].toLowerCase() : "user"}`}
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
