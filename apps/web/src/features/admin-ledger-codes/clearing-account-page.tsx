import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { accountCodeProblem, removeClearingAccount, setClearingAccount, useClearingAccounts } from "./ledger-codes-api.ts";
import type { ClearingAccount } from "./ledger-codes-api.ts";

/** Setting, changing or removing the account one payment method is paid from. */
export function ClearingAccountPage() {
  const { paymentMethod = "" } = useParams();
  const accounts = useClearingAccounts();
  const [hasErrors, setHasErrors] = useState(false);
  const account = accounts.state.status === "loaded" ? accounts.state.data.find((a) => a.paymentMethod === paymentMethod) : undefined;
  usePageTitle(`Clearing account for ${account?.label ?? paymentMethod}`, hasErrors);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/ledger-codes">
          Ledger codes
        </Link>
        {accounts.state.status === "loading" ? <Loading label="Loading the clearing account" /> : null}
        {accounts.state.status === "failed" ? <LoadFailed what="the clearing account" error={accounts.state.error} onRetry={accounts.reload} /> : null}
        {accounts.state.status === "loaded" && !account ? <p className="govuk-body">There is no payment method called {paymentMethod}.</p> : null}
        {account ? <ClearingAccountForm account={account} onErrors={setHasErrors} /> : null}
      </div>
    </div>
  );
}

function ClearingAccountForm({ account, onErrors }: { account: ClearingAccount; onErrors(has: boolean): void }) {
  const navigate = useNavigate();
  const [accountCode, setAccountCode] = useState(account.accountCode ?? "");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [saving, setSaving] = useState(false);

  function show(next: SummaryError[]) {
    setErrors(next);
    onErrors(next.length > 0);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const code = accountCode.trim();
    const problem = accountCodeProblem(code);
    if (problem) return show([{ fieldId: "account-code", message: problem }]);
    setSaving(true);
    try {
      await setClearingAccount(account.paymentMethod, code);
    } catch (error) {
      setSaving(false);
      const fieldMessage = error instanceof ApiError ? error.fieldMessage("accountCode") : undefined;
      return show([fieldMessage ? { fieldId: "account-code", message: fieldMessage } : { message: describeApiError(error) }]);
    }
    void navigate("/admin/ledger-codes", { state: { flash: `${account.label} is now credited to ${code}` } satisfies FlashState });
  }

  async function remove() {
    if (saving) return;
    setSaving(true);
    try {
      await removeClearingAccount(account.paymentMethod);
    } catch (error) {
      setSaving(false);
      return show([{ message: describeApiError(error) }]);
    }
    void navigate("/admin/ledger-codes", { state: { flash: `${account.label} is credited to the default account again` } satisfies FlashState });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">Payment method</span>
      <h1 className="govuk-heading-l">{account.label}</h1>
      <form noValidate onSubmit={(event) => void save(event)}>
        <TextInput
          id="account-code"
          label="Clearing account"
          hint="The Xero account code these spends are paid from, for example 1010. The journal credits it."
          widthClass="govuk-input--width-10"
          autoComplete="off"
          spellCheck={false}
          value={accountCode}
          onChange={(event) => setAccountCode(event.target.value)}
          error={errors.find((e) => e.fieldId === "account-code")?.message}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
            {saving ? "Saving…" : "Save clearing account"}
          </button>
          {account.accountCode !== null ? (
            <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={saving || undefined} onClick={() => void remove()}>
              Use the default account
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
