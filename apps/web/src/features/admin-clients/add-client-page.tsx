import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { createClient, referenceProblem, useTeamOptions } from "./clients-api.ts";
import { TeamSelect } from "./team-select.tsx";
import type { FieldErrors } from "../../lib/field-errors.ts";

type Field = "reference" | "displayName" | "teamId";
const FIELD_IDS: Record<Field, string> = { reference: "client-reference", displayName: "client-display-name", teamId: "client-team" };

export function AddClientPage() {
  const navigate = useNavigate();
  const teams = useTeamOptions();
  const [reference, setReference] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [teamId, setTeamId] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...(Object.keys(FIELD_IDS) as Field[]).flatMap((f) => (errors[f] ? [{ fieldId: FIELD_IDS[f], message: errors[f] }] : [])),
  ];
  usePageTitle("Add a client", summary.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const ref = reference.trim();
    const problems: FieldErrors<Field> = {};
    const refProblem = referenceProblem(ref);
    if (refProblem) problems.reference = refProblem;
    if (displayName.trim().length > 120) problems.displayName = "The display name must be 120 characters or fewer";
    if (teamId === "") problems.teamId = "Choose the team that supports this client";
    setErrors(problems);
    setGeneral(null);
    if (Object.keys(problems).length > 0) return;

    setSaving(true);
    try {
      await createClient({ reference: ref, teamId, ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError) {
        const fromServer: FieldErrors<Field> = {};
        for (const field of Object.keys(FIELD_IDS) as Field[]) {
          const message = error.fieldMessage(field);
          if (message) fromServer[field] = message;
        }
        if (Object.keys(fromServer).length > 0) return setErrors(fromServer);
      }
      return setGeneral(describeApiError(error));
    }
    void navigate("/admin/clients", { state: { flash: `Client ${ref} added` } satisfies FlashState });
  }

  return (
    <PageColumn back={{ to: "/admin/clients", label: "Clients" }}>
      <ErrorSummary errors={summary} />
      <h1 className="govuk-heading-l">Add a client</h1>
      {teams.state.status === "loading" ? <Loading label="Loading teams" /> : null}
      {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
      {teams.state.status === "loaded" ? (
        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
          <TextInput
            id={FIELD_IDS.reference}
            label="Client reference"
            hint="The pseudonymous reference your service uses, like C-10234"
            widthClass="govuk-input--width-10"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="characters"
            value={reference}
            onChange={(event) => setReference(event.target.value)}
            error={errors.reference}
          />
          <TextInput
            id={FIELD_IDS.displayName}
            label="Display name (optional)"
            hint="Helps the team recognise the client. It is never included in an export."
            autoComplete="off"
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            error={errors.displayName}
          />
          <TeamSelect id={FIELD_IDS.teamId} label="Team" value={teamId} onChange={setTeamId} teams={teams.state.data} error={errors.teamId} />
          <SubmitButton busy={saving} busyLabel="Adding…">
            Add client
          </SubmitButton>
        </form>
      ) : null}
    </PageColumn>
  );
}
