import { Link, useLocation } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { capText } from "./scheme-summary.tsx";
import { useSchemes } from "./schemes-api.ts";

/** Every scheme with its current version and headline caps. */
export function SchemesPage() {
  usePageTitle("Schemes");
  const flash = flashFrom(useLocation().state);
  const schemes = useSchemes();

  return (
    <>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <h1 className="govuk-heading-l">Schemes</h1>
      <p className="govuk-body">
        A scheme says what workers may spend without asking first: its categories, caps and deadlines. Changing a scheme
        makes a new version; spends already logged keep the version they were judged by.
      </p>
      <Link className="govuk-button" to="/admin/schemes/new">
        Add a scheme
      </Link>
      {schemes.state.status === "loading" ? <Loading label="Loading schemes" /> : null}
      {schemes.state.status === "failed" ? <LoadFailed what="the schemes" error={schemes.state.error} onRetry={schemes.reload} /> : null}
      {schemes.state.status === "loaded" && schemes.state.data.length === 0 ? <p className="govuk-body">There are no schemes yet.</p> : null}
      {schemes.state.status === "loaded" && schemes.state.data.length > 0 ? (
        <div className="gt-table-scroll" role="region" aria-labelledby="schemes-caption" tabIndex={0}>
          <table className="govuk-table govuk-table--small-text-until-tablet" data-testid="schemes">
            <caption id="schemes-caption" className="govuk-table__caption govuk-visually-hidden">
              Schemes
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Scheme
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Version
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Per spend
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Team budget a month
                </th>
                <th scope="col" className="govuk-table__header">
                  Teams
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {[...schemes.state.data]
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((scheme) => (
                  <tr className="govuk-table__row" key={scheme.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link className="govuk-link" to={`/admin/schemes/${scheme.id}`}>
                        {scheme.name}
                      </Link>
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{scheme.version}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric gt-nowrap">{capText(scheme.perSpendCap, scheme.currency)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric gt-nowrap">{capText(scheme.teamMonthlyBudget, scheme.currency)}</td>
                    <td className="govuk-table__cell">
                      {scheme.teamIds === null ? "All" : `${scheme.teamIds.length} ${scheme.teamIds.length === 1 ? "team" : "teams"}`}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
