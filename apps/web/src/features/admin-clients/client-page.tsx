import { useState } from "react";
import type { FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import type { ClientView } from "@greentape/contract/clients";
import { moveClient, useClients, useTeamOptions } from "./clients-api.ts";
import type { TeamOption } from "./clients-api.ts";
import { TeamSelect } from "./team-select.tsx";

/** One client, and moving them to another team. */
export function ClientPage() {
  const { id = "" } = useParams();
  const passed = (useLocation().state as { client?: ClientView } | null)?.client;
  // The list page hands the client over; a deep link looks it up by reference search.
  const clients = useClients(passed?.id === id ? passed.reference : "");
  const teams = useTeamOptions();
  const client = clients.state.status === "loaded" ? clients.state.data.find((c) => c.id === id) : undefined;
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle(client ? `Client ${client.reference}` : "Client", hasErrors);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Link className="govuk-back-link" to="/admin/clients">
          Clients
        </Link>
        {clients.state.status === "loading" || teams.state.status === "loading" ? <Loading label="Loading the client" /> : null}
        {clients.state.status === "failed" ? <LoadFailed what="the client" error={clients.state.error} onRetry={clients.reload} /> : null}
        {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
        {clients.state.status === "loaded" && !client ? <h1 className="govuk-heading-l">Client not found</h1> : null}
        {client && teams.state.status === "loaded" ? (
          <MoveClient client={client} teams={teams.state.data} onErrors={setHasErrors} />
        ) : null}
      </div>
    </div>
  );
}

function MoveClient({ client, teams, onErrors }: { client: ClientView; teams: TeamOption[]; onErrors(has: boolean): void }) {
  const navigate = useNavigate();
  const [teamId, setTeamId] = useState("");
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [saving, setSaving] = useState(false);
  const currentTeam = teams.find((t) => t.id === client.teamId)?.name ?? "Unknown team";
  const others = teams.filter((t) => t.id !== client.teamId);

  function show(next: SummaryError[]) {
    setErrors(next);
    onErrors(next.length > 0);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    if (teamId === "") return show([{ fieldId: "client-new-team", message: "Choose the team the client is moving to" }]);
    setSaving(true);
    try {
      await moveClient(client.id, teamId);
    } catch (error) {
      setSaving(false);
      return show([{ message: describeApiError(error) }]);
    }
    const to = teams.find((t) => t.id === teamId)?.name ?? "the new team";
    void navigate("/admin/clients", { state: { flash: `Client ${client.reference} moved to ${to}` } satisfies FlashState });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">Client</span>
      <h1 className="govuk-heading-l">{client.reference}</h1>
      <SummaryList
        rows={[
          { key: "Reference", value: client.reference },
          { key: "Display name", value: client.displayName ?? "None" },
          { key: "Team", value: currentTeam },
        ]}
      />
      <h2 className="govuk-heading-m">Move to another team</h2>
      {others.length === 0 ? (
        <p className="govuk-body">There is no other team to move this client to.</p>
      ) : (
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <p className="govuk-body">
            Their history goes with them. Spends already made stay booked to the team that made them, so no figures
            change.
          </p>
          <TeamSelect
            id="client-new-team"
            label="New team"
            value={teamId}
            onChange={setTeamId}
            teams={others}
            error={errors.find((e) => e.fieldId === "client-new-team")?.message}
          />
          <button type="submit" className="govuk-button" aria-disabled={saving || undefined}>
            {saving ? "Moving…" : "Move client"}
          </button>
        </form>
      )}
    </>
  );
}
