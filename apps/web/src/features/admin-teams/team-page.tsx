import { useState } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { TeamForm } from "./team-form.tsx";
import { updateTeam, useMembers, useTeams } from "./teams-api.ts";

const ROLE_ORDER: Record<string, number> = { supervisor: 0, worker: 1 };

/** One team: change its details, and see who is in it. */
export function TeamPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const teams = useTeams();
  const members = useMembers();
  const [hasErrors, setHasErrors] = useState(false);
  const team = teams.state.status === "loaded" ? teams.state.data.find((t) => t.id === id) : undefined;
  usePageTitle(team ? team.name : "Team", hasErrors);

  const people =
    members.state.status === "loaded"
      ? members.state.data
          .filter((m) => m.teamId === id)
          .sort((a, b) => (ROLE_ORDER[a.role] ?? 2) - (ROLE_ORDER[b.role] ?? 2) || a.name.localeCompare(b.name))
      : [];

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/teams">
          Teams
        </Link>
        {teams.state.status === "loading" ? <Loading label="Loading the team" /> : null}
        {teams.state.status === "failed" ? <LoadFailed what="the team" error={teams.state.error} onRetry={teams.reload} /> : null}
        {teams.state.status === "loaded" && !team ? (
          <>
            <h1 className="govuk-heading-l">Team not found</h1>
            <p className="govuk-body">
              <Link className="govuk-link" to="/admin/teams">
                See all teams
              </Link>
            </p>
          </>
        ) : null}
        {team ? (
          <>
            <TeamForm
              key={team.id}
              initial={{ name: team.name, costCentre: team.costCentre, serviceArea: team.serviceArea }}
              submitLabel="Save changes"
              heading={
                <>
                  <span className="govuk-caption-l">Team</span>
                  <h1 className="govuk-heading-l">{team.name}</h1>
                </>
              }
              onErrorsChange={setHasErrors}
              onSave={async (input) => {
                await updateTeam(team.id, input);
                void navigate("/admin/teams", { state: { flash: `${input.name} saved` } satisfies FlashState });
              }}
            />
            <h2 className="govuk-heading-m">People in this team</h2>
            {members.state.status === "failed" ? (
              <LoadFailed what="the people in this team" error={members.state.error} onRetry={members.reload} />
            ) : null}
            {members.state.status === "loaded" && people.length === 0 ? (
              <p className="govuk-body">Nobody yet. Add supervisors and workers on the Users page.</p>
            ) : null}
            {people.length > 0 ? (
              <ul className="govuk-list">
                {people.map((person) => (
                  <li key={person.id}>
                    <Link className="govuk-link" to={`/admin/users/${person.id}`}>
                      {person.name}
                    </Link>{" "}
                    ({person.role === "supervisor" ? "Supervisor" : "Worker"}
                    {person.active === false ? ", deactivated" : ""})
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="govuk-body">To make someone a supervisor of this team, change their role and team on the Users page.</p>
          </>
        ) : null}
      </div>
    </div>
  );
}
