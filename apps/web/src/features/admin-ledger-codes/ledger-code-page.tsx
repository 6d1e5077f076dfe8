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
import { glCodeProblem, mappingTextProblem, removeLedgerCode, setLedgerCode, useLedgerCodes } from "./ledger-codes-api.ts";
import type { LedgerCode } from "./ledger-codes-api.ts";

/** Setting, changing or removing one category's ledger code. */
export function LedgerCodePage() {
  const { category = "" } = useParams();
  const codes = useLedgerCodes();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(`Ledger code for ${category}`, hasErrors);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/ledger-codes">
          Ledger codes
        </Link>
        {codes.state.status === "loading" ? <Loading label="Loading the ledger code" /> : null}
        {codes.state.status === "failed" ? <LoadFailed what="the ledger code" error={codes.state.error} onRetry={codes.reload} /> : null}
        {codes.state.status === "loaded" ? (
          <LedgerCodeForm
            category={category}
            current={codes.state.data.find((c) => c.category === category) ?? null}
            onErrors={setHasErrors}
          />
        ) : null}
      </div>
    </div>
  );
}

function LedgerCodeForm({ category, current, onErrors }: { category: string; current: LedgerCode | null; onErrors(has: boolean): void }) {
  const navigate = useNavigate();
  const [glCode, setGlCode] = useState(current?.glCode ?? "");
  const [accountName, setAccountName] = useState(current?.accountName ?? "");
  const [merchantCategory, setMerchantCategory] = useState(current?.merchantCategory ?? "");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [saving, setSaving] = useState(false);

  function show(next: SummaryError[]) {
    setErrors(next);
    onErrors(next.length > 0);
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const mapping = { glCode: glCode.trim(), accountName: accountName.trim(), merchantCategory: merchantCategory.trim() };
    const problems: SummaryError[] = [];
    const codeProblem = glCodeProblem(mapping.glCode);
    if (codeProblem) problems.push({ fieldId: "gl-code", message: codeProblem });
    const nameProblem = mappingTextProblem(mapping.accountName, "Account name");
    if (nameProblem) problems.push({ fieldId: "account-name", message: nameProblem });
    const merchantProblem = mappingTextProblem(mapping.merchantCategory, "Merchant category");
    if (merchantProblem) problems.push({ fieldId: "merchant-category", message: merchantProblem });
    if (problems.length > 0) return show(problems);
    setSaving(true);
    try {
      await setLedgerCode(category, mapping);
    } catch (error) {
      setSaving(false);
      const fields = [
        ["glCode", "gl-code"],
        ["accountName", "account-name"],
        ["merchantCategory", "merchant-category"],
      ] as const;
      const fieldErrors = error instanceof ApiError ? fields.flatMap(([field, fieldId]) => {
        const message = error.fieldMessage(field);
        return message ? [{ fieldId, message }] : [];
      }) : [];
      return show(fieldErrors.length > 0 ? fieldErrors : [{ message: describeApiError(error) }]);
    }
    const code = mapping.glCode;
    void navigate("/admin/ledger-codes", { state: { flash: `${category} now posts to ${code}` } satisfies FlashState });
  }

  async function remove() {
    if (saving) return;
    setSaving(true);
    try {
      await removeLedgerCode(category);
    } catch (error) {
      setSaving(false);
      return show([{ message: describeApiError(error) }]);
    }
    void navigate("/admin/ledger-codes", { state: { flash: `The ledger code for ${category} is removed` } satisfies FlashState });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">Category</span>
      <h1 className="govuk-heading-l">{category}</h1>
      <form noValidate onSubmit={(event) => void save(event)}>
        <TextInput
          id="gl-code"
          label="Ledger code"
          hint="As your finance system knows it, for example 4410"
          widthClass="govuk-input--width-10"
          autoComplete="off"
          spellCheck={false}
          value={glCode}
          onChange={(event) => setGlCode(event.target.value)}
          error={errors.find((e) => e.fieldId === "gl-code")?.message}
        />
        <TextInput
          id="account-name"
          label="Account name (optional)"
          hint="The account's name in your chart of accounts, for example Client travel. The transparency file publishes it as the expense type."
          autoComplete="off"
          value={accountName}
          onChange={(event) => setAccountName(event.target.value)}
          error={errors.find((e) => e.fieldId === "account-name")?.message}
        />
        <TextInput
          id="merchant-category"
          label="Merchant category for card payments (optional)"
          hint="What the transparency file publishes for a card payment in this category, for example Transportation services"
          autoComplete="off"
          value={merchantCategory}
          onChange={(event) => setMerchantCategory(event.target.value)}
          error={errors.find((e) => e.fieldId === "merchant-category")?.message}
        />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
            {saving ? "Saving…" : "Save ledger code"}
          </button>
          {current !== null ? (
            <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={saving || undefined} onClick={() => void remove()}>
              Remove this code
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
