import { lazy, Suspense, useEffect, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { PasswordInput } from "../../components/password-input.tsx";
import { SignInEmailInput, signInEmailProblem } from "../../components/sign-in-email-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { useAuth } from "../../lib/auth.tsx";
import { councilAccountSignIn } from "../../lib/council-settings.ts";
import { Loading } from "../../components/loading.tsx";
import type { FieldErrors } from "../../lib/field-errors.ts";

// Only the accounts with a second factor need this step (and its WebAuthn code): it loads when
// asked for, so the sign-in page's first load stays small.
const SecondFactorStep = lazy(() => import("./second-factor-step.tsx").then((m) => ({ default: m.SecondFactorStep })));

type Field = "email" | "password";

interface Problems {
  fields: FieldErrors<Field>;
  /** Messages that belong to no one field (rate limited, server unreachable). */
  general?: SummaryError;
}

const NO_PROBLEMS: Problems = { fields: {} };

export function SignInPage() {
  const { state, signIn, resumeCouncilSession } = useAuth();
  const [searchParams] = useSearchParams();
  const council = searchParams.get("council");
  const location = useLocation();
  const navigate = useNavigate();
  const from = safeReturnPath((location.state as { from?: unknown } | null)?.from);

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problems, setProblems] = useState<Problems>(() => (council === "refused" ? councilRefusal(searchParams.get("reason")) : NO_PROBLEMS));
  // Back from the council account with a session, the page is busy starting it, not waiting for a password.
  const [submitting, setSubmitting] = useState(council === "signed-in");
  const [mfaToken, setMfaToken] = useState<string | null>(null);

  const summary: SummaryError[] = [
    ...(problems.general ? [problems.general] : []),
    ...(["email", "password"] as const).flatMap((field) => {
      const message = problems.fields[field];
      return message ? [{ fieldId: field, message }] : [];
    }),
  ];
  usePageTitle("Sign in", summary.length > 0);

  // Back from the council account's sign-in with a session: it starts here, then on to the home page.
  useEffect(() => {
    if (council !== "signed-in") return;
    resumeCouncilSession().then(
      () => void navigate("/", { replace: true }),
      () => {
        setSubmitting(false);
        setProblems(councilRefusal(null));
      },
    );
  }, [council, resumeCouncilSession, navigate]);

  if (state.status === "signed-in" && !submitting) return <Navigate to={from ?? "/"} replace />;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;

    const fields: FieldErrors<Field> = {};
    const emailProblem = signInEmailProblem(email);
    if (emailProblem) fields.email = emailProblem;
    if (password === "") fields.password = "Enter your password";
    if (Object.keys(fields).length > 0) {
      setProblems({ fields });
      return;
    }

    setSubmitting(true);
    try {
      const outcome = await signIn(email.trim(), password);
      if ("mfaToken" in outcome) {
        setPassword("");
        setMfaToken(outcome.mfaToken);
        return;
      }
    } catch (error) {
      setProblems(problemsFrom(error));
      setPassword("");
      setSubmitting(false);
      return;
    }
    // A push, not a redirect: the new page takes focus (see use-focus-main-on-navigate.ts).
    // `submitting` stays true so this page does not also redirect while it unmounts.
    void navigate(from ?? "/");
  }

  if (mfaToken !== null) {
    return (
      <Suspense fallback={<Loading />}>
        <SecondFactorStep
          mfaToken={mfaToken}
          onSignedIn={() => void navigate(from ?? "/")}
          onRestart={(message) => {
            setMfaToken(null);
            setSubmitting(false);
            setProblems({ fields: {}, general: { message } });
          }}
        />
      </Suspense>
    );
  }

  const reason = state.status === "signed-out" ? state.reason : undefined;
  const signOutPending = state.status === "signed-out" && state.signOutPending === true;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        {reason === "signed-out" && summary.length === 0 ? (
          <Banner kind="success" title="Success" heading="You have signed out">
            {signOutPending
              ? "Green Tape has removed what it kept on this device. It will tell the server as soon as there is a connection, and nobody can carry on as you here before then."
              : "Green Tape has removed what it kept on this device."}
          </Banner>
        ) : null}
        {reason === "expired" && summary.length === 0 ? (
          <Banner title="Important">Your session has ended. Sign in again to carry on.</Banner>
        ) : null}
        {reason === "offline" && summary.length === 0 ? (
          <Banner title="Important">You seem to be offline. You can sign in when you have a connection.</Banner>
        ) : null}

        <h1 className="govuk-heading-l">Sign in to Green Tape</h1>
        <p className="govuk-body gt-sign-in__intro">Use the email address and password your council gave you.</p>

        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <SignInEmailInput value={email} onChange={(event) => setEmail(event.target.value)} error={problems.fields.email} />
          <PasswordInput
            id="password"
            name="password"
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={problems.fields.password}
          />
          <button type="submit" className="govuk-button" aria-disabled={submitting || undefined}>
            {submitting ? "Signing in…" : "Sign in"}
          </button>
        </form>

        {councilAccountSignIn() ? (
          <>
            <h2 className="govuk-heading-m">Or use your council account</h2>
            <a href="/api/auth/oidc/start" className="govuk-button govuk-button--secondary" draggable="false">
              Sign in with your council account
            </a>
          </>
        ) : null}

        <p className="govuk-body">
          <Link className="govuk-link gt-standalone-link" to="/forgot-password">
            Forgot your password?
          </Link>
        </p>
        <p className="govuk-body-s">Not got an account? Ask your Green Tape administrator at the council.</p>
      </div>
    </div>
  );
}

function problemsFrom(error: unknown): Problems {
  if (error instanceof NetworkError) {
    return {
      fields: {},
      general: { message: "Green Tape could not be reached. Check your connection and try again." },
    };
  }
  if (error instanceof ApiError) {
    if (error.status === 401) {
      // Not "Enter…": the fields were filled in, and what was in them did not match an account.
      return { fields: { password: "The email address or password is not right. Check both and try again" } };
    }
    if (error.status === 403 && error.type.endsWith("/account-deactivated")) {
      return {
        fields: {},
        general: { message: "Your account has been deactivated. Contact your Green Tape administrator at the council if you still need it." },
      };
    }
    if (error.status === 429) {
      return {
        fields: {},
        general: { message: "There have been too many attempts to sign in. Wait a few minutes, then try again." },
      };
    }
    if (error.status === 400 || error.status === 422) {
      const fields: FieldErrors<Field> = {};
      const email = error.fieldMessage("email");
      const password = error.fieldMessage("password");
      if (email) fields.email = email;
      if (password) fields.password = password;
      if (email || password) return { fields };
    }
  }
  return { fields: {}, general: { message: "Sorry, something went wrong. Try again in a moment." } };
}

/** Why the council account's sign-in was refused, in words for the person (the server says `reason`). */
function councilRefusal(reason: string | null): Problems {
  const messages: Record<string, string> = {
    unknown_subject: "Your council account is not linked to a Green Tape account. Ask your Green Tape administrator to add you.",
    email_not_verified: "Your council account's email address is not verified, so Green Tape cannot tell who you are. Ask your IT team.",
    deactivated: "Your account has been deactivated. Contact your Green Tape administrator at the council if you still need it.",
  };
  return { fields: {}, general: { message: messages[reason ?? ""] ?? "Signing in with your council account did not work. Try again." } };
}

/** Only return to a path inside this app (never an absolute URL handed in from elsewhere). */
function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return undefined;
  if (value.startsWith("/sign-in")) return undefined;
  return value;
}

interface BannerProps {
  kind?: "success";
  title: string;
  heading?: string;
  children: ReactNode;
}

function Banner({ kind, title, heading, children }: BannerProps) {
  const success = kind === "success";
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby="sign-in-banner-title"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="sign-in-banner-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? (
          <>
            <h3 className="govuk-notification-banner__heading">{heading}</h3>
            <p className="govuk-body">{children}</p>
          </>
        ) : (
          <p className="govuk-notification-banner__heading">{children}</p>
        )}
      </div>
    </div>
  );
}
