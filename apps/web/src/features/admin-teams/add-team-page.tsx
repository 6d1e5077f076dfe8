import { useState } from "react";
import { Link, useNavigate } from "../../lib/router.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { TeamForm } from "./team-form.tsx";
import { createTeam } from "./teams-api.ts";

export function AddTeamPage() {
  const navigate = useNavigate();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle("Add a team", hasErrors);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/teams">
          Teams
        </Link>
        <TeamForm
          initial={{ name: "", costCentre: "", serviceArea: "" }}
          submitLabel="Add team"
          heading={<h1 className="govuk-heading-l">Add a team</h1>}
          onErrorsChange={setHasErrors}
          onSave={async (input) => {
            await createTeam(input);
            void navigate("/admin/teams", { state: { flash: `${input.name} added` } satisfies FlashState });
          }}
        >
          <p className="govuk-body">
            Then add its supervisors and workers on the Users page, and its clients on the Clients page.
          </p>
        </TeamForm>
      </div>
    </div>
  );
}
