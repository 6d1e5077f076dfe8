import { Link, useLocation } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { categoryRows, useClearingAccounts, useLedgerCodes, useSchemeCategories } from "./ledger-codes-api.ts";
import type { ClearingAccount } from "./ledger-codes-api.ts";

/** Each spending category and the ledger code its spends are posted to. */
export function LedgerCodesPage() {
  usePageTitle("Ledger codes");
  const flash = flashFrom(useLocation().state);
  const codes = useLedgerCodes();
  const schemes = useSchemeCategories();
  const rows =
    codes.state.status === "loaded" && schemes.state.status === "loaded" ? categoryRows(codes.state.data, schemes.state.data) : [];
  const missing = rows.filter((row) => row.glCode === null).length;

  return (
    <>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <h1 className="govuk-heading-l">Ledger codes</h1>
      <p className="govuk-body">
        Each spend is posted to the ledger (GL) code of its category in the finance exports. A change applies to exports
        of open months; closed months keep the codes they were closed with.
      </p>
      {codes.state.status === "loading" || schemes.state.status === "loading" ? <Loading label="Loading ledger codes" /> : null}
      {codes.state.status === "failed" ? <LoadFailed what="the ledger codes" error={codes.state.error} onRetry={codes.reload} /> : null}
      {schemes.state.status === "failed" ? (
        <LoadFailed what="the schemes' categories" error={schemes.state.error} onRetry={schemes.reload} />
      ) : null}
      {missing > 0 ? (
        <div className="govuk-inset-text">
          {missing === 1 ? "1 category has" : `${missing} categories have`} no ledger code yet. Their spends go into the
          exports with the code left empty.
        </div>
      ) : null}
      {rows.length > 0 ? (
        <ScrollTable caption="Categories and their ledger codes" testId="ledger-codes" columns={["Category", "Ledger code", "Account name", "Merchant category (cards)", { header: <span className="govuk-visually-hidden">Action</span> }]}>
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.category}>
              <th scope="row" className="govuk-table__header">
                {row.category}
                {row.schemes.length === 0 ? (
                  <span className="govuk-hint govuk-!-margin-bottom-0">No scheme uses this category now</span>
                ) : null}
              </th>
              <td className="govuk-table__cell">
                {row.glCode === null ? <strong className="govuk-tag govuk-tag--yellow">Not set</strong> : <span className="gt-code">{row.glCode}</span>}
              </td>
              <td className="govuk-table__cell">{row.accountName ?? "None recorded"}</td>
              <td className="govuk-table__cell">{row.merchantCategory ?? "None recorded"}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/ledger-codes/${encodeURIComponent(row.category)}`}>
                  {row.glCode === null ? "Set" : "Change"}
                  <span className="govuk-visually-hidden"> the ledger code for {row.category}</span>
                </Link>
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
      <ClearingAccounts />
    </>
  );
}

/** The account each payment method is paid from: the Xero journal credits it. */
function ClearingAccounts() {
  const accounts = useClearingAccounts();
  return (
    <>
      <h2 className="govuk-heading-m">Clearing accounts</h2>
      <p className="govuk-body">
        The Xero journal credits each payment method&rsquo;s spends to the account they were paid from, such as the prepaid card float or the petty
        cash tin. A payment method with none is credited to the journal&rsquo;s default account, 8100. Closed months keep the accounts they were
        closed with.
      </p>
      {accounts.state.status === "loading" ? <Loading label="Loading clearing accounts" /> : null}
      {accounts.state.status === "failed" ? <LoadFailed what="the clearing accounts" error={accounts.state.error} onRetry={accounts.reload} /> : null}
      {accounts.state.status === "loaded" ? (
        <ScrollTable caption="Payment methods and their clearing accounts" testId="clearing-accounts" columns={["Payment method", "Clearing account", { header: <span className="govuk-visually-hidden">Action</span> }]}>
          {accounts.state.data.map((account: ClearingAccount) => (
            <tr className="govuk-table__row" key={account.paymentMethod}>
              <th scope="row" className="govuk-table__header">
                {account.label}
              </th>
              <td className="govuk-table__cell">{account.accountCode === null ? "The default (8100)" : <span className="gt-code">{account.accountCode}</span>}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`/admin/clearing-accounts/${encodeURIComponent(account.paymentMethod)}`}>
                  {account.accountCode === null ? "Set" : "Change"}
                  <span className="govuk-visually-hidden"> the clearing account for {account.label}</span>
                </Link>
              </td>
            </tr>
          ))}
        </ScrollTable>
      ) : null}
    </>
  );
}
