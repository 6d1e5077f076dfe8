import { useState } from "react";
import type { FormEvent } from "react";
import { Link } from "../../lib/router.tsx";
import { passwordProblem } from "@greentape/domain/password-policy";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { PasswordInput } from "../../components/password-input.tsx";
import { SuccessBanner } from "../../components/success-banner.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
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
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  usePageTitle(sent ? "Check your email" : "Reset your password", error !== null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) {
      setError({ fieldId: "email", message: email.trim() === "" ? "Enter your email address" : "Enter an email address in the correct format, like name@example.org" });
      return;
    }
    setSubmitting(true);
    try {
      await publicPost("/api/auth/forgot-password", { email: email.trim() });
      setSent(true);
    } catch (failure) {
      setError({ message: describeApiError(failure) });
    } finally {
      setSubmitting(false);
    }
  }

  if (sent) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">If {email.trim()} has a Green Tape account, we have sent it a link to set a new password. The link works once, for 30 minutes.</p>
          <LinkLine to="/sign-in">Back to sign in</LinkLine>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={error ? [error] : []} />
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">Enter the email address you sign in with. We will send you a link to set a new password.</p>
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <TextInput
            id="email"
            name="email"
            label="Email address"
            type="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="none"
            inputMode="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={error?.fieldId === "email" ? error.message : undefined}
          />
          <button type="submit" className="govuk-button" aria-disabled={submitting || undefined}>
            {submitting ? "Sending…" : "Send the link"}
          </button>
        </form>
      </div>
    </div>
  );
}

/** The emailed link lands here: the token is in the fragment, which no server ever sees. */
export function ResetPasswordPage() {
  const [done, setDone] = useState(false);
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<SummaryError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  usePageTitle(done ? "Your password has been reset" : "Set a new password", error !== null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const weakness = password === "" ? "Enter a new password" : passwordProblem(password, { email: "", name: "" });
    if (weakness) {
      setError({ fieldId: "password", message: weakness });
      return;
    }
    setSubmitting(true);
    try {
      await publicPost("/api/auth/reset-password", { token, password });
      setDone(true);
    } catch (failure) {
      setSubmitting(false);
      const fieldMessage = failure instanceof ApiError ? (failure.fieldMessage("password") ?? failure.fieldMessage("token")) : undefined;
      const onPassword = failure instanceof ApiError && failure.fieldMessage("password") !== undefined;
      setError(fieldMessage ? (onPassword ? { fieldId: "password", message: fieldMessage } : { message: fieldMessage }) : { message: describeApiError(failure) });
    }
  }

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SuccessBanner heading="Your password has been reset">Every device that was signed in has been signed out.</SuccessBanner>
          <LinkLine to="/sign-in">Sign in with your new password</LinkLine>
        </div>
      </div>
    );
  }

  if (token === "") {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">This link is not complete</h1>
          <p className="govuk-body">
            Open the link from your email again, or{" "}
            <Link className="govuk-link" to="/forgot-password">
              ask for a new one
            </Link>
            .
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
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
          <button type="submit" className="govuk-button" aria-disabled={submitting || undefined}>
            {submitting ? "Saving…" : "Save the new password"}
          </button>
        </form>
      </div>
    </div>
  );
}
