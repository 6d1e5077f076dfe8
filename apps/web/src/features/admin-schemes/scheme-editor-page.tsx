import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Textarea } from "../../components/form-fields.tsx";
import { FieldsetFormGroup } from "../../components/form-group.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { SubmitOrCancel } from "../../components/submit-button.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { CAP_FIELDS, CAP_LABELS, DAY_FIELDS, DAY_LABELS, EMPTY_SCHEME, formFromScheme, payloadFromForm } from "./scheme-form.ts";
import type { CapField, DayField, SchemeField, SchemeFormValues } from "./scheme-form.ts";
import { createScheme, updateScheme, useScheme, useTeamOptions } from "./schemes-api.ts";
import type { SchemeWithVersions, TeamOption } from "./schemes-api.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

/** Adding a scheme (version 1). */
export function NewSchemePage() {
  const teams = useTeamOptions();
  const [hasErrors, setHasErrors] = useState(false);
  usePageTitle("Add a scheme", hasErrors);
  return (
    <EditorFrame back="/admin/schemes" backLabel="Schemes">
      {teams.state.status === "loading" ? <Loading label="Loading teams" /> : null}
      {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
      {teams.state.status === "loaded" ? <SchemeEditor teams={teams.state.data} onErrors={setHasErrors} /> : null}
    </EditorFrame>
  );
}

/** Changing a scheme: saving makes version N+1. */
export function EditSchemePage() {
  const { id = "" } = useParams();
  const scheme = useScheme(id);
  const teams = useTeamOptions();
  const [hasErrors, setHasErrors] = useState(false);
  const name = scheme.state.status === "loaded" ? scheme.state.data.name : "scheme";
  usePageTitle(`Change ${name}`, hasErrors);
  return (
    <EditorFrame back={`/admin/schemes/${id}`} backLabel={scheme.state.status === "loaded" ? scheme.state.data.name : "Scheme"}>
      {scheme.state.status === "loading" || teams.state.status === "loading" ? <Loading label="Loading the scheme" /> : null}
      {scheme.state.status === "failed" ? <LoadFailed what="the scheme" error={scheme.state.error} onRetry={scheme.reload} /> : null}
      {teams.state.status === "failed" ? <LoadFailed what="the teams" error={teams.state.error} onRetry={teams.reload} /> : null}
      {scheme.state.status === "loaded" && teams.state.status === "loaded" ? (
        <SchemeEditor key={`${scheme.state.data.id}:${scheme.state.data.version}`} scheme={scheme.state.data} teams={teams.state.data} onErrors={setHasErrors} />
      ) : null}
    </EditorFrame>
  );
}

function EditorFrame({ back, backLabel, children }: { back: string; backLabel: string; children: ReactNode }) {
  return (
    <PageColumn>
      <Link className="govuk-back-link" to={back}>
        {backLabel}
      </Link>
      {children}
    </PageColumn>
  );
}

const FIELD_ORDER: SchemeField[] = [
  "name",
  "categories",
  "perSpendCap",
  "perClientCap",
  "perClientWindowDays",
  "perWorkerMonthlyCap",
  "teamMonthlyBudget",
  "justificationDueDays",
  "followUpDueDays",
  "graceDays",
  "teamIds",
];

const fieldId = (field: SchemeField) => `scheme-${field}`;

const CAP_HINTS: Record<CapField, string> = {
  perSpendCap: "The most a worker may spend at once.",
  perClientCap: "The most spent on one client, by anyone, within the days below.",
  perWorkerMonthlyCap: "The most one worker may spend under this scheme in a calendar month.",
  teamMonthlyBudget: "Every team that uses this scheme gets this budget each calendar month.",
};

const DAY_HINTS: Record<DayField, string> = {
  perClientWindowDays: "A rolling window, for example 30.",
  justificationDueDays: "Counted from the day the spend is logged, not the date it was spent: a spend logged late still gets these days.",
  followUpDueDays: "When someone should check with the client whether it helped, counted from the date of the spend.",
  graceDays: "After a justification is due, how long before the worker's new spends pause until they catch up.",
};

interface SchemeEditorProps {
  scheme?: SchemeWithVersions;
  teams: TeamOption[];
  onErrors(hasErrors: boolean): void;
}

function SchemeEditor({ scheme, teams, onErrors }: SchemeEditorProps) {
  const navigate = useNavigate();
  const [values, setValues] = useState<SchemeFormValues>(() => (scheme ? formFromScheme(scheme) : EMPTY_SCHEME));
  const [errors, setErrors] = useState<FieldErrors<SchemeField>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nextVersion = scheme ? Math.max(scheme.version, ...scheme.versions) + 1 : 1;

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...FIELD_ORDER.flatMap((field) => (errors[field] ? [{ fieldId: fieldId(field), message: errors[field] }] : [])),
  ];

  function show(nextErrors: FieldErrors<SchemeField>, nextGeneral: string | null) {
    setErrors(nextErrors);
    setGeneral(nextGeneral);
    onErrors(Object.keys(nextErrors).length > 0 || nextGeneral !== null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const result = payloadFromForm(values);
    if (!result.ok) return show(result.errors, null);
    show({}, null);
    setSaving(true);
    try {
      // Audit settings are not edited here: carry them over so a new version keeps them.
      const body = scheme?.auditSettings ? { ...result.payload, auditSettings: scheme.auditSettings } : result.payload;
      const saved = scheme ? await updateScheme(scheme.id, body) : await createScheme(body);
      const flash = scheme ? `${saved.name} saved as version ${saved.version}` : `${saved.name} added`;
      void navigate(`/admin/schemes/${saved.id}`, { state: { flash } satisfies FlashState });
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError) {
        const fromServer: FieldErrors<SchemeField> = {};
        for (const field of FIELD_ORDER) {
          const message = error.fieldMessage(field);
          if (message) fromServer[field] = message;
        }
        if (Object.keys(fromServer).length > 0) return show(fromServer, null);
      }
      show({}, describeApiError(error));
    }
  }

  const setCap = (field: CapField, change: Partial<SchemeFormValues["caps"][CapField]>) =>
    setValues((v) => ({ ...v, caps: { ...v.caps, [field]: { ...v.caps[field], ...change } } }));
  const setDays = (field: DayField, text: string) => setValues((v) => ({ ...v, days: { ...v.days, [field]: text } }));

  const dayInput = (field: DayField) => (
    <TextInput
      key={field}
      id={fieldId(field)}
      label={DAY_LABELS[field]}
      hint={DAY_HINTS[field]}
      widthClass="govuk-input--width-3"
      inputMode="numeric"
      autoComplete="off"
      spellCheck={false}
      value={values.days[field]}
      onChange={(event) => setDays(field, event.target.value)}
      error={errors[field]}
    />
  );

  const capInput = (field: CapField) => {
    const cap = values.caps[field];
    const error = errors[field];
    const id = fieldId(field);
    return (
      <FieldsetFormGroup key={field} legend={CAP_LABELS[field]} hint={CAP_HINTS[field]} hintId={`${id}-hint`} error={error} errorId={error ? `${id}-error` : undefined}>
        <label className="govuk-label govuk-visually-hidden" htmlFor={id}>
          {CAP_LABELS[field]}, in pounds
        </label>
        <div className="govuk-input__wrapper">
          <div className="govuk-input__prefix" aria-hidden="true">
            £
          </div>
          <input
            id={id}
            className={`govuk-input govuk-input--width-10${error ? " govuk-input--error" : ""}`}
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={cap.none ? "" : cap.amount}
            disabled={cap.none}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setCap(field, { amount: event.target.value })}
          />
        </div>
        <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-top-2">
          <div className="govuk-checkboxes__item">
            <input
              className="govuk-checkboxes__input"
              id={`${id}-none`}
              type="checkbox"
              checked={cap.none}
              onChange={(event) => setCap(field, { none: event.target.checked })}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-none`}>
              No cap
            </label>
          </div>
        </div>
        {field === "perClientCap" && !cap.none ? <div className="govuk-!-margin-top-4">{dayInput("perClientWindowDays")}</div> : null}
      </FieldsetFormGroup>
    );
  };

  const toggleTeam = (teamId: string, on: boolean) =>
    setValues((v) => ({ ...v, teamIds: on ? [...v.teamIds, teamId] : v.teamIds.filter((t) => t !== teamId) }));

  return (
    <>
      <ErrorSummary errors={summary} />
      {scheme ? <span className="govuk-caption-l">Version {scheme.version}</span> : null}
      <h1 className="govuk-heading-l">{scheme ? `Change ${scheme.name}` : "Add a scheme"}</h1>
      {scheme ? (
        <div className="govuk-inset-text" data-testid="new-version-note">
          Saving makes version {nextVersion}. New spends are judged by version {nextVersion}; spends already logged keep the
          version they were judged by.
        </div>
      ) : null}
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <TextInput
          id={fieldId("name")}
          label="Scheme name"
          autoComplete="off"
          value={values.name}
          onChange={(event) => setValues((v) => ({ ...v, name: event.target.value }))}
          error={errors.name}
        />

        <Textarea
          id={fieldId("categories")}
          label="Categories"
          hint="What workers may spend on, one on each line, for example Travel"
          rows={6}
          spellCheck
          value={values.categories}
          onChange={(event) => setValues((v) => ({ ...v, categories: event.target.value }))}
          error={errors.categories}
        />

        <h2 className="govuk-heading-m">Caps</h2>
        <p className="govuk-body">In pounds and pence. A spend that would go over a cap is refused.</p>
        {CAP_FIELDS.map(capInput)}

        <h2 className="govuk-heading-m">Deadlines</h2>
        {DAY_FIELDS.filter((field) => field !== "perClientWindowDays").map(dayInput)}

        <h2 className="govuk-heading-m">Teams</h2>
        <div className={`govuk-form-group${errors.teamIds ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.teamIds ? "scheme-teamIds-error" : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Which teams can use this scheme?</legend>
            {errors.teamIds ? (
              <p id="scheme-teamIds-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {errors.teamIds}
              </p>
            ) : null}
            <div className="govuk-radios govuk-radios--small">
              <div className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id="scheme-applies-all"
                  name="appliesTo"
                  type="radio"
                  checked={values.appliesTo === "all"}
                  onChange={() => setValues((v) => ({ ...v, appliesTo: "all" }))}
                />
                <label className="govuk-label govuk-radios__label" htmlFor="scheme-applies-all">
                  All teams
                </label>
              </div>
              <div className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={fieldId("teamIds")}
                  name="appliesTo"
                  type="radio"
                  checked={values.appliesTo === "some"}
                  aria-controls="scheme-teams-conditional"
                  onChange={() => setValues((v) => ({ ...v, appliesTo: "some" }))}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={fieldId("teamIds")}>
                  Only some teams
                </label>
              </div>
              <div
                className={`govuk-radios__conditional${values.appliesTo === "some" ? "" : " govuk-radios__conditional--hidden"}`}
                id="scheme-teams-conditional"
              >
                <div className="govuk-checkboxes govuk-checkboxes--small">
                  {teams.map((team) => (
                    <div className="govuk-checkboxes__item" key={team.id}>
                      <input
                        className="govuk-checkboxes__input"
                        id={`scheme-team-${team.id}`}
                        type="checkbox"
                        checked={values.teamIds.includes(team.id)}
                        onChange={(event) => toggleTeam(team.id, event.target.checked)}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`scheme-team-${team.id}`}>
                        {team.name}
                      </label>
                    </div>
                  ))}
                </div>
              </div>
            </div>
          </fieldset>
        </div>

        <SubmitOrCancel busy={saving} busyLabel="Saving…" cancelTo={scheme ? `/admin/schemes/${scheme.id}` : "/admin/schemes"}>
          {scheme ? `Save as version ${nextVersion}` : "Add scheme"}
        </SubmitOrCancel>
      </form>
    </>
  );
}
