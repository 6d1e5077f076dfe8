import { useState } from "react";
import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import type { FormEvent } from "react";
import { ErrorSummary } from "../../components/error-summary.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useSendOnce } from "../../components/use-send-once.ts";
import { ApiError, NetworkError, apiPost } from "../../lib/api-client.ts";
import { useAuth } from "../../lib/auth.tsx";

interface Props {
  mfaToken: string;
  /** The step is over (expired, used): back to the password. */
  onRestart(message: string): void;
  /** Signed in: the page goes where the person was going. */
  onSignedIn(): void;
}

/** The second step of a password sign-in: a code from the authenticator app, or a recovery code. */
export function SecondFactorStep({ mfaToken, onRestart, onSignedIn }: Props) {
  const { completeSignIn } = useAuth();
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const { busy: submitting, send } = useSendOnce();
  usePageTitle("Enter your security code", problem !== null);

  async function signInWithPasskey() {
    const signedIn = await send(
      async () => {
        const optionsJSON = await apiPost<PublicKeyCredentialRequestOptionsJSON>("/api/auth/mfa/passkey/options", { mfaToken }, { auth: false });
        const response = await startAuthentication({ optionsJSON });
        await completeSignIn("/api/auth/mfa/passkey", { mfaToken, response });
      },
      (error) => setProblem(error instanceof ApiError || error instanceof NetworkError ? describe(error) : "The passkey was not used. Try again, or enter a code"),
    );
    if (signedIn) onSignedIn();
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (code.trim() === "") {
      setProblem("Enter the 6-digit code from your authenticator app, or a recovery code");
      return;
    }
    const signedIn = await send(
      () => completeSignIn("/api/auth/mfa", { mfaToken, code: code.trim() }),
      (error) => {
        setCode("");
        if (error instanceof ApiError && error.status === 401 && /expired|already used\. Sign in/.test(error.detail ?? "")) {
          onRestart("Your sign-in took too long. Sign in again with your password.");
          return;
        }
        setProblem(describe(error));
      },
    );
    if (signedIn) onSignedIn();
  }

  return (
    <PageColumn>
      <ErrorSummary errors={problem ? [{ fieldId: "code", message: problem }] : []} />
      <h1 className="govuk-heading-l">Enter your security code</h1>
      <p className="govuk-body">Open the authenticator app on your phone and enter the code it shows for Green Tape.</p>
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <TextInput
          id="code"
          name="code"
          label="Security code"
          hint="The 6-digit code from your app, or one of your recovery codes if you do not have your phone."
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="none"
          widthClass="govuk-input--width-10"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={problem ?? undefined}
        />
        <SubmitButton busy={submitting} busyLabel="Checking…">
          Continue
        </SubmitButton>
      </form>
      <h2 className="govuk-heading-m">Or use a passkey</h2>
      <p className="govuk-body">If you registered a passkey on this device or a security key, use it instead of a code.</p>
      <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={submitting || undefined} onClick={() => void signInWithPasskey()}>
        Use a passkey
      </button>
    </PageColumn>
  );
}

function describe(error: unknown): string {
  if (error instanceof NetworkError) return "Green Tape could not be reached. Check your connection and try again.";
  if (error instanceof ApiError) {
    if (error.status === 429) return "There have been too many wrong codes. Wait a few minutes, then try again.";
    if (error.status === 401 || error.status === 400) return "The code is not right, or was already used. Wait for the next code in your app and try again";
  }
  return "Sorry, something went wrong. Try again in a moment.";
}
