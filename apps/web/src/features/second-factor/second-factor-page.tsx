import { useState } from "react";
import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import type { FormEvent } from "react";
import { Link, useLocation, useNavigate } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, apiPost } from "../../lib/api-client.ts";
import { useAuth, useCurrentUser } from "../../lib/auth.tsx";
import { describeApiError, useApiData } from "../../lib/use-api-data.ts";
import { recoveryCodesSchema, secondFactorStatusSchema, totpEnrolmentSchema } from "@greentape/contract/second-factor";
import type { TotpEnrolment } from "@greentape/contract/second-factor";



/**
 * Setting up a second factor. Someone whose role needs one and who signed in with a password
 * alone is kept here (by the signed-in guard) until they have set one up.
 */
export function SecondFactorPage() {
  const user = useCurrentUser();
  const { reloadUser } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const from = (location.state as { from?: unknown } | null)?.from;
  const status = useApiData("/api/me/second-factor", secondFactorStatusSchema);
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [code, setCode] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [passkeyAdded, setPasskeyAdded] = useState(false);
  const pending = user.secondFactorEnrolmentPending === true;
  usePageTitle(recoveryCodes ? "Save your recovery codes" : "Second factor", problem !== null);

  async function start() {
    setBusy(true);
    setProblem(null);
    try {
      setEnrolment(totpEnrolmentSchema.parse(await apiPost<unknown>("/api/me/second-factor/totp")));
    } catch (error) {
      setProblem(describeApiError(error));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
      setProblem("Enter the 6-digit code your app shows");
      return;
    }
    setBusy(true);
    try {
      const answer = recoveryCodesSchema.parse(await apiPost<unknown>("/api/me/second-factor/totp/confirm", { code: code.replace(/\s/g, "") }));
      setRecoveryCodes(answer.recoveryCodes);
      setProblem(null);
    } catch (error) {
      setCode("");
      setProblem(error instanceof ApiError && error.status === 400 ? "The code is not right. Enter the code your app shows now" : describeApiError(error));
    } finally {
      setBusy(false);
    }
  }

  async function registerPasskey() {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const { options, registrationToken } = await apiPost<{ options: PublicKeyCredentialCreationOptionsJSON; registrationToken: string }>("/api/me/passkeys/options");
      const response = await startRegistration({ optionsJSON: options });
      await apiPost<{ id: string }>("/api/me/passkeys", { registrationToken, response });
      setPasskeyAdded(true);
      status.reload();
      if (pending) await carryOn();
    } catch (error) {
      setProblem(error instanceof ApiError ? describeApiError(error) : "The passkey was not registered. Try again");
    } finally {
      setBusy(false);
    }
  }

  async function carryOn() {
    await reloadUser();
    void navigate(typeof from === "string" && from.startsWith("/") && !from.startsWith("//") ? from : "/");
  }

  if (recoveryCodes) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <div className="govuk-panel govuk-panel--confirmation">
            <h1 className="govuk-panel__title">Your authenticator app is set up</h1>
          </div>
          <h2 className="govuk-heading-m">Save your recovery codes</h2>
          <p className="govuk-body">
            If you lose your phone, sign in with one of these codes instead of a code from the app. Each works once. Keep them
            somewhere safe: they will not be shown again.
          </p>
          <ul className="govuk-list gt-recovery-codes" aria-label="Recovery codes">
            {recoveryCodes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="govuk-button" onClick={() => void carryOn()}>
            I have saved my recovery codes
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={problem ? [{ fieldId: enrolment ? "code" : undefined, message: problem }] : []} />
        <h1 className="govuk-heading-l">{pending ? "Set up a second factor to continue" : "Second factor"}</h1>
        {pending ? (
          <p className="govuk-body">
            People in your role sign in with a password and a second factor. Set one up now: you cannot use Green Tape until you have.
          </p>
        ) : null}
        {status.state.status === "loading" ? <Loading /> : null}
        {status.state.status === "failed" ? <LoadFailed what="your second factors" error={status.state.error} onRetry={status.reload} /> : null}
        {status.state.status === "loaded" && status.state.data.totp ? (
          <p className="govuk-body">
            An authenticator app is set up. You have {status.state.data.recoveryCodesLeft} recovery codes left. To set up another
            app, ask your administrator to reset your second factor.
          </p>
        ) : null}
        {status.state.status === "loaded" && !status.state.data.totp && !enrolment ? (
          <>
            <h2 className="govuk-heading-m">Authenticator app</h2>
            <p className="govuk-body">Use an app such as Microsoft Authenticator or Google Authenticator on your phone.</p>
            <button type="button" className="govuk-button" aria-disabled={busy || undefined} onClick={() => void start()}>
              Set up an authenticator app
            </button>
          </>
        ) : null}
        {enrolment ? (
          <>
            <h2 className="govuk-heading-m">Scan this QR code with your app</h2>
            <img src={enrolment.qrCode} alt="QR code for your authenticator app" width={200} height={200} />
            <p className="govuk-body">
              If you cannot scan it, enter this key in the app: <code className="gt-totp-secret">{enrolment.secret}</code>
            </p>
            <form noValidate onSubmit={(event) => void confirm(event)}>
              <TextInput
                id="code"
                name="code"
                label="Enter the 6-digit code the app shows"
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                widthClass="govuk-input--width-5"
                value={code}
                onChange={(event) => setCode(event.target.value)}
                error={problem ?? undefined}
              />
              <button type="submit" className="govuk-button" aria-disabled={busy || undefined}>
                Confirm
              </button>
            </form>
          </>
        ) : null}
        {status.state.status === "loaded" && !enrolment ? (
          <>
            <h2 className="govuk-heading-m">Passkey</h2>
            {passkeyAdded ? (
              <p className="govuk-body" role="status">
                Your passkey is registered. Use it after your password when you sign in.
              </p>
            ) : null}
            <p className="govuk-body">
              {status.state.data.passkeys.length > 0
                ? `You have ${status.state.data.passkeys.length === 1 ? "1 passkey" : `${status.state.data.passkeys.length} passkeys`}.`
                : "A passkey uses this device's screen lock or a security key instead of a code."}
            </p>
            <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={busy || undefined} onClick={() => void registerPasskey()}>
              Register a passkey
            </button>
          </>
        ) : null}
        {!pending ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/">
              Go to your home page
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
