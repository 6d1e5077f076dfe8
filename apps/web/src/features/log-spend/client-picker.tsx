import { useState } from "react";
import type { KeyboardEvent } from "react";
import { ErrorMessage } from "../../components/error-message.tsx";
import { RadioItems } from "../../components/form-fields.tsx";
import { LabelledFormGroup } from "../../components/form-group.tsx";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import type { Client } from "../../lib/client-schema.ts";
import { createClient } from "./log-spend-api.ts";

const RECENT_SHOWN = 5;
const SEARCH_SHOWN = 20;

interface ClientPickerProps {
  clients: readonly Client[];
  value: string;
  onChange(clientId: string): void;
  /** A client was added here: the page keeps it in its list (and on the phone). */
  onCreated(client: Client): void;
  error?: string;
}

/**
 * Choose the client: the ones you helped most recently first, a search for the rest, and a
 * way to add someone new without leaving the form.
 */
export function ClientPicker({ clients, value, onChange, onCreated, error }: ClientPickerProps) {
  const [search, setSearch] = useState("");
  const [adding, setAdding] = useState(false);
  const [reference, setReference] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [addError, setAddError] = useState<{ field: "reference" | "displayName" | null; message: string } | null>(null);
  const [creating, setCreating] = useState(false);

  const query = search.trim().toLowerCase();
  const matches = query
    ? clients.filter((c) => c.reference.toLowerCase().includes(query) || (c.displayName ?? "").toLowerCase().includes(query)).slice(0, SEARCH_SHOWN)
    : clients.slice(0, RECENT_SHOWN);
  const selected = clients.find((c) => c.id === value);
  const shown = selected && !matches.some((c) => c.id === selected.id) ? [selected, ...matches] : matches;
  const errorId = error ? "clientId-error" : undefined;
  const referenceError = addError?.field === "reference" ? addError.message : undefined;
  const nameError = addError?.field === "displayName" ? addError.message : undefined;

  async function handleCreate() {
    if (creating) return;
    const ref = reference.trim();
    if (ref === "") {
      setAddError({ field: "reference", message: "Enter the client's reference, like C-10234" });
      return;
    }
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(ref)) {
      setAddError({ field: "reference", message: "Reference must be letters, digits and hyphens, like C-10234" });
      return;
    }
    setCreating(true);
    setAddError(null);
    try {
      const client = await createClient({ reference: ref, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
      onCreated(client);
      onChange(client.id);
      setReference("");
      setDisplayName("");
      setSearch("");
      setAdding(false);
    } catch (e) {
      if (e instanceof NetworkError) {
        setAddError({ field: null, message: "You need a signal to add a new client. Choose someone you have helped before, or try again when you are back online." });
      } else if (e instanceof ApiError) {
        const field = e.fieldMessage("reference") ? "reference" : e.fieldMessage("displayName") ? "displayName" : null;
        const message =
          e.status === 409 ? "A client with this reference already exists. Search for them above." : (field ? e.fieldMessage(field) : undefined) ?? e.detail ?? e.title;
        setAddError({ field: e.status === 409 ? "reference" : field, message });
      } else {
        setAddError({ field: null, message: "Sorry, the client could not be added. Try again." });
      }
    } finally {
      setCreating(false);
    }
  }

  function createOnEnter(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      void handleCreate();
    }
  }

  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={errorId}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Client</legend>
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="client-search">
            Search by reference or name
          </label>
          <input
            className="govuk-input govuk-input--width-20"
            id="client-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        <p className="govuk-body-s" role="status" aria-live="polite">
          {query
            ? matches.length === 0
              ? "No clients match. Check the reference, or add a new client."
              : `${matches.length} ${matches.length === 1 ? "client matches" : "clients match"}`
            : clients.length > RECENT_SHOWN
              ? `Your ${RECENT_SHOWN} most recent clients. Search to find the other ${clients.length - RECENT_SHOWN}.`
              : clients.length === 0
                ? "Your team has no clients yet. Add one below."
                : "Your team's clients, most recent first."}
        </p>
        {shown.length > 0 ? (
          <div className="govuk-radios govuk-radios--small" data-module="govuk-radios">
            <RadioItems
              name="clientId"
              options={shown.map((client) => ({ value: client.id, label: client.reference, hint: client.displayName ?? undefined }))}
              value={value}
              onChange={onChange}
              optionId={(option) => `client-${option.value}`}
            />
          </div>
        ) : null}
      </fieldset>

      {adding ? (
        <div className="govuk-inset-text" role="group" aria-labelledby="new-client-heading">
          <h3 className="govuk-heading-s" id="new-client-heading">
            Add a new client
          </h3>
          {addError && addError.field === null ? <ErrorMessage role="alert">{addError.message}</ErrorMessage> : null}
          <LabelledFormGroup
            id="new-client-reference"
            label="Reference"
            labelClass=""
            hint="The client's pseudonymous reference, like C-10234. Never their name."
            error={referenceError}
          >
            <input
              className={`govuk-input govuk-input--width-10${referenceError ? " govuk-input--error" : ""}`}
              id="new-client-reference"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="characters"
              value={reference}
              onChange={(e) => setReference(e.target.value)}
              onKeyDown={createOnEnter}
              aria-describedby={`new-client-reference-hint${referenceError ? " new-client-reference-error" : ""}`}
            />
          </LabelledFormGroup>
          <LabelledFormGroup id="new-client-name" label="Display name (optional)" labelClass="" hint="Only your team sees it. It never appears in exports." error={nameError}>
            <input
              className="govuk-input govuk-input--width-20"
              id="new-client-name"
              autoComplete="off"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              onKeyDown={createOnEnter}
              aria-describedby={`new-client-name-hint${nameError ? " new-client-name-error" : ""}`}
            />
          </LabelledFormGroup>
          <div className="gt-actions">
            <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void handleCreate()} aria-disabled={creating || undefined}>
              {creating ? "Adding client…" : "Add client"}
            </button>
            <button type="button" className="govuk-link gt-link-button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setAdding(true)}>
          Add a new client
        </button>
      )}
    </div>
  );
}
