import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { OneTimePassword } from "./one-time-password.tsx";
import { resetPassword, updateUser, useUsers } from "./users-api.ts";
import type { User } from "./users-api.ts";

/** Loads the user named in the URL, then shows `children(user)`. */
function WithUser({ title, children }: { title: (user: User) => string; children: (user: User) => ReactNode }) {
  const { id = "" } = useParams();
  const users = useUsers();
  const user = users.state.status === "loaded" ? users.state.data.find((u) => u.id === id) : undefined;
  usePageTitle(user ? title(user) : "User");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {users.state.status === "loading" ? <Loading label="Loading the user" /> : null}
        {users.state.status === "failed" ? <LoadFailed what="the user" error={users.state.error} onRetry={users.reload} /> : null}
        {users.state.status === "loaded" && !user ? <h1 className="govuk-heading-l">User not found</h1> : null}
        {user ? children(user) : null}
      </div>
    </div>
  );
}

/** "Are you sure?" before someone loses access. */
export function DeactivateUserPage() {
  return (
    <WithUser title={(user) => `Deactivate ${user.name}`}>{(user) => <DeactivateConfirm user={user} />}</WithUser>
  );
}

function DeactivateConfirm({ user }: { user: User }) {
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      await updateUser(user.id, { active: false });
    } catch (error) {
      setSaving(false);
      setProblem(describeApiError(error));
      return;
    }
    void navigate(`/admin/users/${user.id}`, { state: { flash: `${user.name} is deactivated` } satisfies FlashState });
  }

  return (
    <>
      <Link className="govuk-back-link" to={`/admin/users/${user.id}`}>
        Back to {user.name}
      </Link>
      <ErrorSummary errors={problem ? [{ message: problem }] : []} />
      <span className="govuk-caption-l">{user.email}</span>
      <h1 className="govuk-heading-l">Deactivate {user.name}?</h1>
      <p className="govuk-body">
        {user.name} is signed out straight away, on every device, and cannot sign in again until an admin reactivates them.
      </p>
      <p className="govuk-body">Nothing they logged is removed: their spends, justifications and history stay.</p>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" aria-disabled={saving || undefined}>
            {saving ? "Deactivating…" : `Deactivate ${user.name}`}
          </button>
          <Link className="govuk-link" to={`/admin/users/${user.id}`}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}

/** Resetting a password: confirm, then show the new temporary password once. */
export function ResetPasswordPage() {
  return <WithUser title={(user) => `Reset ${user.name}'s password`}>{(user) => <ResetConfirm user={user} />}</WithUser>;
}

function ResetConfirm({ user }: { user: User }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [password, setPassword] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setProblem(null);
    try {
      setPassword((await resetPassword(user.id)).temporaryPassword);
    } catch (error) {
      setProblem(describeApiError(error));
    } finally {
      setSaving(false);
    }
  }

  if (password !== null) {
    return (
      <>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Password reset</h1>
          <div className="govuk-panel__body">{user.name}&rsquo;s old password no longer works</div>
        </div>
        <OneTimePassword password={password} name={user.name} />
        <p className="govuk-body">
          <Link className="govuk-link" to={`/admin/users/${user.id}`} replace>
            Back to {user.name}
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <Link className="govuk-back-link" to={`/admin/users/${user.id}`}>
        Back to {user.name}
      </Link>
      <ErrorSummary errors={problem ? [{ message: problem }] : []} />
      <span className="govuk-caption-l">{user.email}</span>
      <h1 className="govuk-heading-l">Reset {user.name}&rsquo;s password?</h1>
      <p className="govuk-body">
        Their current password stops working and they are signed out. Green Tape makes a temporary password, shown to you
        once, for you to give them. They must choose their own when they sign in with it.
      </p>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
            {saving ? "Resetting…" : "Reset password"}
          </button>
          <Link className="govuk-link" to={`/admin/users/${user.id}`}>
            Cancel
          </Link>
        </div>
      </form>
    </>
  );
}
