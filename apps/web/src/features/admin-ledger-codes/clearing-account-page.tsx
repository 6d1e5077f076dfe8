import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate, useParams } from "react-router-dom";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useSendOnce } from "../../components/use-send-once.ts";
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
    <PageColumn back={{ to: "/admin/ledger-codes", label: "Ledger codes" }}>
      {accounts.state.status === "loading" ? <Loading label="Loading the clearing account" /> : null}
      {accounts.state.status === "failed" ? <LoadFailed what="the clearing account" error={accounts.state.error} onRetry={accounts.reload} /> : null}
      {accounts.state.status === "loaded" && !account ? <p className="govuk-body">There is no payment method called {paymentMethod}.</p> : null}
      {account ? <ClearingAccountForm account={account} onErrors={setHasErrors} /> : null}
    </PageColumn>
  );
}

function ClearingAccountForm({ account, onErrors }: { account: ClearingAccount; onErrors(has: boolean): void }) {
  const navigate = useNavigate();
  const [accountCode, setAccountCode] = useState(account.accountCode ?? "");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const { busy: saving, send } = useSendOnce();

  function show(next: SummaryError[]) {
    setErrors(next);
    onErrors(next.length > 0);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = accountCode.trim();
    const problem = accountCodeProblem(code);
    if (problem) return show([{ fieldId: "account-code", message: problem }]);
    const saved = await send(
      () => setClearingAccount(account.paymentMethod, code),
      (error) => {
        const fieldMessage = error instanceof ApiError ? error.fieldMessage("accountCode") : undefined;
        show([fieldMessage ? { fieldId: "account-code", message: fieldMessage } : { message: describeApiError(error) }]);
      },
    );
    if (saved) void navigate("/admin/ledger-codes", { state: { flash: `${account.label} is now credited to ${code}` } satisfies FlashState });
  }

  async function remove() {
    const removed = await send(() => removeClearingAccount(account.paymentMethod), (error) => show([{ message: describeApiError(error) }]));
    if (removed) void navigate("/admin/ledger-codes", { state: { flash: `${account.label} is credited to the default account again` } satisfies FlashState });
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
          <SubmitButton busy={saving} busyLabel="Saving…">
            Save clearing account
          </SubmitButton>
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
