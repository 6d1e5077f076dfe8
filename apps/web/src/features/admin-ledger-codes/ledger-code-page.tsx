import { useState } from "react";
import { useParams } from "../../lib/router.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { glCodeProblem, mappingTextProblem, removeLedgerCode, setLedgerCode, useLedgerCodes } from "./ledger-codes-api.ts";
import type { LedgerCode } from "./ledger-codes-api.ts";
import { MappingForm } from "./mapping-form.tsx";

/** Setting, changing or removing one category's ledger code. */
export function LedgerCodePage() {
  const { category = "" } = useParams();
  const codes = useLedgerCodes();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(`Ledger code for ${category}`, hasErrors);

  return (
    <PageColumn back={{ to: "/admin/ledger-codes", label: "Ledger codes" }}>
      {codes.state.status === "loading" ? <Loading label="Loading the ledger code" /> : null}
      {codes.state.status === "failed" ? <LoadFailed what="the ledger code" error={codes.state.error} onRetry={codes.reload} /> : null}
      {codes.state.status === "loaded" ? (
        <LedgerCodeForm
          category={category}
          current={codes.state.data.find((c) => c.category === category) ?? null}
          onErrors={setHasErrors}
        />
      ) : null}
    </PageColumn>
  );
}

function LedgerCodeForm({ category, current, onErrors }: { category: string; current: LedgerCode | null; onErrors(has: boolean): void }) {
  const [glCode, setGlCode] = useState(current?.glCode ?? "");
  const [accountName, setAccountName] = useState(current?.accountName ?? "");
  const [merchantCategory, setMerchantCategory] = useState(current?.merchantCategory ?? "");
  return (
    <MappingForm
      caption="Category"
      heading={category}
      saveLabel="Save ledger code"
      fieldIds={{ glCode: "gl-code", accountName: "account-name", merchantCategory: "merchant-category" }}
      check={() => {
        const mapping = { glCode: glCode.trim(), accountName: accountName.trim(), merchantCategory: merchantCategory.trim() };
        const problems: SummaryError[] = [];
        const codeProblem = glCodeProblem(mapping.glCode);
        if (codeProblem) problems.push({ fieldId: "gl-code", message: codeProblem });
        const nameProblem = mappingTextProblem(mapping.accountName, "Account name");
        if (nameProblem) problems.push({ fieldId: "account-name", message: nameProblem });
        const merchantProblem = mappingTextProblem(mapping.merchantCategory, "Merchant category");
        if (merchantProblem) problems.push({ fieldId: "merchant-category", message: merchantProblem });
        if (problems.length > 0) return problems;
        return { send: () => setLedgerCode(category, mapping), flash: `${category} now posts to ${mapping.glCode}` };
      }}
      removal={current !== null ? { label: "Remove this code", send: () => removeLedgerCode(category), flash: `The ledger code for ${category} is removed` } : null}
      onErrors={onErrors}
    >
      {(fieldError) => (
        <>
          <TextInput
            id="gl-code"
            label="Ledger code"
            hint="As your finance system knows it, for example 4410"
            widthClass="govuk-input--width-10"
            autoComplete="off"
            spellCheck={false}
            value={glCode}
            onChange={(event) => setGlCode(event.target.value)}
            error={fieldError("gl-code")}
          />
          <TextInput
            id="account-name"
            label="Account name (optional)"
            hint="The account's name in your chart of accounts, for example Client travel. The transparency file publishes it as the expense type."
            autoComplete="off"
            value={accountName}
            onChange={(event) => setAccountName(event.target.value)}
            error={fieldError("account-name")}
          />
          <TextInput
            id="merchant-category"
            label="Merchant category for card payments (optional)"
            hint="What the transparency file publishes for a card payment in this category, for example Transportation services"
            autoComplete="off"
            value={merchantCategory}
            onChange={(event) => setMerchantCategory(event.target.value)}
            error={fieldError("merchant-category")}
          />
        </>
      )}
    </MappingForm>
  );
}
