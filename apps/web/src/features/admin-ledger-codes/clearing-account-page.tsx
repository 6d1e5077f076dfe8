import { useState } from "react";
import { useParams } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { accountCodeProblem, removeClearingAccount, setClearingAccount, useClearingAccounts } from "./ledger-codes-api.ts";
import type { ClearingAccount } from "./ledger-codes-api.ts";
import { MappingForm } from "./mapping-form.tsx";

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
  const [accountCode, setAccountCode] = useState(account.accountCode ?? "");
  return (
    <MappingForm
      caption="Payment method"
      heading={account.label}
      saveLabel="Save clearing account"
      fieldIds={{ accountCode: "account-code" }}
      check={() => {
        const code = accountCode.trim();
        const problem = accountCodeProblem(code);
        if (problem) return [{ fieldId: "account-code", message: problem }];
        return { send: () => setClearingAccount(account.paymentMethod, code), flash: `${account.label} is now credited to ${code}` };
      }}
      removal={
        account.accountCode !== null
          ? { label: "Use the default account", send: () => removeClearingAccount(account.paymentMethod), flash: `${account.label} is credited to the default account again` }
          : null
      }
      onErrors={onErrors}
    >
      {(fieldError) => (
        <TextInput
          id="account-code"
          label="Clearing account"
          hint="The Xero account code these spends are paid from, for example 1010. The journal credits it."
          widthClass="govuk-input--width-10"
          autoComplete="off"
          spellCheck={false}
          value={accountCode}
          onChange={(event) => setAccountCode(event.target.value)}
          error={fieldError("account-code")}
        />
      )}
    </MappingForm>
  );
}
