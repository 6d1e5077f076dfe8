import { Link, useLocation } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { useTeams } from "./teams-api.ts";

/** Every team with its cost centre, service area and supervisors. */
export function TeamsPage() {
  usePageTitle("Teams");
  const flash = flashFrom(useLocation().state);
  const teams = useTeams();

  return (
    <>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <h1 className="govuk-heading-l">Teams</h1>
      <p className="govuk-body">
        Workers and supervisors each belong to one team. A team&rsquo;s cost centre goes on its rows in the finance exports.
      </p>
      <Link className="govuk-button" to="/admin/teams/new">
        Add a team
      </Link>
      {teams.state.status === "loading" ? <Loading label="Loading teams" /> : null}
      {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
      {teams.state.status === "loaded" && teams.state.data.length === 0 ? (
        <p className="govuk-body">There are no teams yet.</p>
      ) : null}
      {teams.state.status === "loaded" && teams.state.data.length > 0 ? (
        <ScrollTable caption="Teams" testId="teams" columns={["Team", "Cost centre", "Service area", "Supervisors"]}>
          {[...teams.state.data]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((team) => {
              const supervisors = team.supervisors ?? [];
              return (
                <tr className="govuk-table__row" key={team.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/admin/teams/${team.id}`}>
                      {team.name}
                    </Link>
                  </th>
                  <td className="govuk-table__cell gt-nowrap">{team.costCentre}</td>
                  <td className="govuk-table__cell">{team.serviceArea}</td>
                  <td className="govuk-table__cell">
                    {supervisors.map((s) => s.name).join(", ") || "None yet"}
                  </td>
                </tr>
              );
            })}
        </ScrollTable>
      ) : null}
    </>
  );
}
