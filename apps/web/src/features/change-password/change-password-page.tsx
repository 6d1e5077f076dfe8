import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useLocation, useNavigate } from "../../lib/router.tsx";
import { PASSWORD_MIN_LENGTH } from "@greentape/domain/password-lengths";
import { passwordProblem } from "@greentape/domain/password-policy";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { PasswordInput } from "../../components/password-input.tsx";
import { serverFieldErrors } from "../../components/server-field-errors.ts";
import { SubmitButton } from "../../components/submit-button.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useSendOnce } from "../../components/use-send-once.ts";
import { ApiError, apiPost } from "../../lib/api-client.ts";
import { useAuth, useCurrentUser } from "../../lib/auth.tsx";
import { describeApiError } from "../../lib/use-api-data.ts";
import { markPasswordChanged, useMustChangePassword } from "./must-change-password.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

const FIELDS = ["currentPassword", "newPassword"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Changing your own password. Someone who signed in with a temporary password is kept here
 * (by the signed-in guard) until they have chosen their own.
 */
export function ChangePasswordPage() {
  const user = useCurrentUser();
  const { signIn } = useAuth();
  // Whether they came here because they must: fixed for the life of the page, so the words do not
  // change while the new password is being saved.
  const mustChangeNow = useMustChangePassword();
  const [mustChange] = useState(mustChangeNow);
  const location = useLocation();
  const navigate = useNavigate();
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);

  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [fields, setFields] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const { busy: submitting, send, release } = useSendOnce();
  const [changed, setChanged] = useState(false);

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...FIELDS.flatMap((field) => {
      const message = fields[field];
      return message ? [{ fieldId: field, message }] : [];
    }),
  ];
  const heading = mustChange ? "Choose a new password" : "Change your password";
  usePageTitle(changed ? "Your password has been changed" : heading, summary.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const problems: FieldErrors<Field> = {};
    if (currentPassword === "") {
      problems.currentPassword = mustChange ? "Enter the temporary password you signed in with" : "Enter your current password";
    }
    const weakness = newPassword === "" ? "Enter a new password" : passwordProblem(newPassword, user);
    if (weakness) problems.newPassword = weakness;
    else if (newPassword === currentPassword) {
      problems.newPassword = mustChange
        ? "Your new password must be different from your temporary password"
        : "Your new password must be different from your current password";
    }
    setGeneral(null);
    setFields(problems);
    if (Object.keys(problems).length > 0) return;

    const sent = await send(
      () => apiPost<unknown>("/api/me/password", { currentPassword, newPassword }),
      (error) => {
        setCurrentPassword("");
        const fromServer = error instanceof ApiError && [400, 401, 403, 422].includes(error.status) ? serverFieldErrors(error, FIELDS) : null;
        if (fromServer) setFields(fromServer);
        else setGeneral(describeApiError(error));
      },
    );
    if (!sent) return;

    const wasForced = mustChange;
    markPasswordChanged(user.id);
    // The server ends every session of this account on a password change: start a new one with
    // the new password, so the person carries on without being asked to sign in again.
    try {
      await signIn(user.email, newPassword);
    } catch {
      // The old session ended with the change: the next request sends them to sign in with the new password.
    }
    setCurrentPassword("");
    setNewPassword("");
    release();
    if (wasForced) {
      // A push, so the next page takes focus.
      void navigate(from ?? "/");
      return;
    }
    setChanged(true);
  }

  if (changed) {
    return (
      <PageColumn>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Your password has been changed</h1>
        </div>
        <p className="govuk-body">Use your new password the next time you sign in.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Go to your home page
          </Link>
        </p>
      </PageColumn>
    );
  }

  return (
    <PageColumn>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">{heading}</h1>
      {mustChange ? (
        <p className="govuk-body">
          You signed in with a temporary password. Choose your own password before you carry on. Nobody else, including
          your administrator, will know it.
        </p>
      ) : null}
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <input type="hidden" name="username" autoComplete="username" value={user.email} readOnly />
        <PasswordInput
          id="currentPassword"
          name="currentPassword"
          label={mustChange ? "Temporary password" : "Current password"}
          hint={mustChange ? "The password you signed in with just now" : undefined}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={fields.currentPassword}
        />
        <PasswordInput
          id="newPassword"
          name="newPassword"
          label="New password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a long password that is easy to remember. Common passwords are refused.`}
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.target.value)}
          error={fields.newPassword}
        />
        <SubmitButton busy={submitting} busyLabel="Saving…">
          Save new password
        </SubmitButton>
      </form>
    </PageColumn>
  );
}

/** Only return to a path inside this app, and never back here. */
function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return undefined;
  if (value.startsWith("/change-password") || value.startsWith("/sign-in")) return undefined;
  return value;
}
