import { Link, useLocation, useParams, useSearchParams } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { SchemeSummary } from "./scheme-summary.tsx";
import { useScheme, useTeamOptions } from "./schemes-api.ts";

/** A scheme's current settings (or an earlier version's), its versions, and the way to change it. */
export function SchemePage() {
  const { id = "" } = useParams();
  const [params] = useSearchParams();
  const asked = Number(params.get("version"));
  const version = Number.isInteger(asked) && asked > 0 ? asked : undefined;
  const flash = flashFrom(useLocation().state);
  const scheme = useScheme(id, version);
  const teams = useTeamOptions();
  const data = scheme.state.status === "loaded" ? scheme.state.data : undefined;
  const latest = data ? Math.max(data.version, ...data.versions) : undefined;
  const isLatest = data !== undefined && data.version === latest;
  usePageTitle(data ? `${data.name}${isLatest ? "" : `, version ${data.version}`}` : "Scheme");

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/schemes">
          Schemes
        </Link>
        {flash ? <SuccessBanner heading={flash} /> : null}
        {scheme.state.status === "loading" || teams.state.status === "loading" ? <Loading label="Loading the scheme" /> : null}
        {scheme.state.status === "failed" ? <LoadFailed what="the scheme" error={scheme.state.error} onRetry={scheme.reload} /> : null}
        {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
        {data && teams.state.status === "loaded" ? (
          <>
            <span className="govuk-caption-l" data-testid="scheme-version">
              Version {data.version}
              {isLatest ? " (current)" : ` of ${latest}`}
            </span>
            <h1 className="govuk-heading-l">{data.name}</h1>
            {!isLatest ? (
              <div className="govuk-inset-text">
                This is an earlier version. Spends judged by it keep it.{" "}
                <Link className="govuk-link" to={`/admin/schemes/${data.id}`}>
                  See the current version
                </Link>
                .
              </div>
            ) : null}
            <SchemeSummary scheme={data} teams={teams.state.data} />
            {isLatest ? (
              <Link className="govuk-button" to={`/admin/schemes/${data.id}/edit`}>
                Change this scheme
              </Link>
            ) : null}
            {data.versions.length > 1 ? (
              <>
                <h2 className="govuk-heading-m">Versions</h2>
                <ul className="govuk-list">
                  {[...data.versions]
                    .sort((a, b) => b - a)
                    .map((v) => (
                      <li key={v}>
                        {v === data.version ? (
                          <span aria-current="page">Version {v}{v === latest ? " (current)" : ""}, shown above</span>
                        ) : (
                          <Link className="govuk-link" to={v === latest ? `/admin/schemes/${data.id}` : `/admin/schemes/${data.id}?version=${v}`}>
                            Version {v}
                            {v === latest ? " (current)" : ""}
                          </Link>
                        )}
                      </li>
                    ))}
                </ul>
              </>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
