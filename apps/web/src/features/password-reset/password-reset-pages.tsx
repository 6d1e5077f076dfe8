import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "../../lib/router.tsx";
import { passwordProblem } from "@greentape/domain/password-policy";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { PasswordInput } from "../../components/password-input.tsx";
import { SignInEmailInput, signInEmailProblem } from "../../components/sign-in-email-input.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { SuccessBanner } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useSendOnce } from "../../components/use-send-once.ts";
import { ApiError, apiPost } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";

function LinkLine({ to, children }: { to: string; children: string }) {
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={to}>
        {children}
      </Link>
    </p>
  );
}

const publicPost = (path: string, body: unknown) => apiPost<unknown>(path, body, { auth: false });

/** Asks for a reset email. The answer is the same whether or not the address has an account. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<SummaryError | null>(null);
  const { busy: submitting, send } = useSendOnce();
  const [sent, setSent] = useState(false);
  usePageTitle(sent ? "Check your email" : "Reset your password", error !== null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const emailProblem = signInEmailProblem(email);
    if (emailProblem) {
      setError({ fieldId: "email", message: emailProblem });
      return;
    }
    const asked = await send(() => publicPost("/api/auth/forgot-password", { email: email.trim() }), (failure) => setError({ message: describeApiError(failure) }));
    if (asked) setSent(true);
  }

  if (sent) {
    return (
      <PageColumn>
        <h1 className="govuk-heading-l">Check your email</h1>
        <p className="govuk-body">If {email.trim()} has a Green Tape account, we have sent it a link to set a new password. The link works once, for 30 minutes.</p>
        <LinkLine to="/sign-in">Back to sign in</LinkLine>
      </PageColumn>
    );
  }

  return (
    <PageColumn>
      <ErrorSummary errors={error ? [error] : []} />
      <h1 className="govuk-heading-l">Reset your password</h1>
      <p className="govuk-body">Enter the email address you sign in with. We will send you a link to set a new password.</p>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <SignInEmailInput value={email} onChange={(event) => setEmail(event.target.value)} error={error?.fieldId === "email" ? error.message : undefined} />
        <SubmitButton busy={submitting} busyLabel="Sending…">
          Send the link
        </SubmitButton>
      </form>
    </PageColumn>
  );
}

/** The emailed link lands here: the token is in the fragment, which no server ever sees. */
export function ResetPasswordPage() {
  const [done, setDone] = useState(false);
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<SummaryError | null>(null);
  const { busy: submitting, send } = useSendOnce();
  usePageTitle(done ? "Your password has been reset" : "Set a new password", error !== null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const weakness = password === "" ? "Enter a new password" : passwordProblem(password, { email: "", name: "" });
    if (weakness) {
      setError({ fieldId: "password", message: weakness });
      return;
    }
    const reset = await send(() => publicPost("/api/auth/reset-password", { token, password }), (failure) => {
      const fieldMessage = failure instanceof ApiError ? (failure.fieldMessage("password") ?? failure.fieldMessage("token")) : undefined;
      const onPassword = failure instanceof ApiError && failure.fieldMessage("password") !== undefined;
      setError(fieldMessage ? (onPassword ? { fieldId: "password", message: fieldMessage } : { message: fieldMessage }) : { message: describeApiError(failure) });
    });
    if (reset) setDone(true);
  }

  if (done) {
    return (
      <PageColumn>
        <SuccessBanner heading="Your password has been reset">Every device that was signed in has been signed out.</SuccessBanner>
        <LinkLine to="/sign-in">Sign in with your new password</LinkLine>
      </PageColumn>
    );
  }

  if (token === "") {
    return (
      <PageColumn>
        <h1 className="govuk-heading-l">This link is not complete</h1>
        <p className="govuk-body">
          Open the link from your email again, or{" "}
          <Link className="govuk-link" to="/forgot-password">
            ask for a new one
          </Link>
          .
        </p>
      </PageColumn>
    );
  }

  return (
    <PageColumn>
      <ErrorSummary errors={error ? [error] : []} />
      {error && error.fieldId === undefined ? (
        <LinkLine to="/forgot-password">Ask for a new link</LinkLine>
      ) : null}
      <h1 className="govuk-heading-l">Set a new password</h1>
      <p className="govuk-body">Use at least 12 characters. A few ordinary words together are easy to remember and hard to guess. You will then sign in again on every device.</p>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <PasswordInput
          id="password"
          name="password"
          label="New password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={error?.fieldId === "password" ? error.message : undefined}
        />
        <SubmitButton busy={submitting} busyLabel="Saving…">
          Save the new password
        </SubmitButton>
      </form>
    </PageColumn>
  );
}
