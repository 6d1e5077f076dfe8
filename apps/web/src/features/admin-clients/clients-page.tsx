import { useDeferredValue, useState } from "react";
import { Link, useLocation } from "../../lib/router.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { ScrollTable } from "../../components/scroll-table.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { CLIENT_LIST_LIMIT, useClients, useTeamOptions } from "./clients-api.ts";

/** Every client of every team, found by reference or name. */
export function ClientsPage() {
  usePageTitle("Clients");
  const flash = flashFrom(useLocation().state);
  const [search, setSearch] = useState("");
  const deferredSearch = useDeferredValue(search);
  const clients = useClients(deferredSearch);
  const teams = useTeamOptions();
  const teamName = (id: string) => (teams.state.status === "loaded" ? (teams.state.data.find((t) => t.id === id)?.name ?? "") : "");

  return (
    <>
      {flash ? <SuccessBanner heading={flash} /> : null}
      <h1 className="govuk-heading-l">Clients</h1>
      <p className="govuk-body">
        Clients are known by a reference, not their name. A display name is optional and never leaves Green Tape in an
        export.
      </p>
      <Link className="govuk-button" to="/admin/clients/new">
        Add a client
      </Link>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="client-search">
          Find a client
        </label>
        <div id="client-search-hint" className="govuk-hint">
          By reference or display name
        </div>
        <input
          id="client-search"
          className="govuk-input govuk-input--width-20"
          type="search"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="client-search-hint"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      {clients.state.status === "loading" ? <Loading label="Loading clients" /> : null}
      {clients.state.status === "failed" ? <LoadFailed what="the clients" error={clients.state.error} onRetry={clients.reload} /> : null}
      {clients.state.status === "loaded" ? (
        <>
          <p className="govuk-body" aria-live="polite">
            {clients.state.data.length === 0
              ? "No clients match."
              : clients.state.data.length >= CLIENT_LIST_LIMIT
                ? `Showing the first ${CLIENT_LIST_LIMIT} clients. Search to find others.`
                : `${clients.state.data.length} ${clients.state.data.length === 1 ? "client" : "clients"}`}
          </p>
          {clients.state.data.length > 0 ? (
            <ScrollTable caption="Clients" testId="clients" columns={["Reference", "Display name", "Team"]}>
              {[...clients.state.data]
                .sort((a, b) => a.reference.localeCompare(b.reference))
                .map((client) => (
                  <tr className="govuk-table__row" key={client.id}>
                    <th scope="row" className="govuk-table__header">
                      <Link className="govuk-link gt-nowrap" to={`/admin/clients/${client.id}`} state={{ client }}>
                        {client.reference}
                      </Link>
                    </th>
                    <td className="govuk-table__cell">{client.displayName ?? ""}</td>
                    <td className="govuk-table__cell">{teamName(client.teamId)}</td>
                  </tr>
                ))}
            </ScrollTable>
          ) : null}
        </>
      ) : null}
    </>
  );
}
