import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import type { TeamInput } from "./teams-api.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

const FIELDS = ["name", "costCentre", "serviceArea"] as const;
type Field = (typeof FIELDS)[number];

interface TeamFormProps {
  initial: TeamInput;
  submitLabel: string;
  /** Saves; throws ApiError for the form to show. */
  onSave(input: TeamInput): Promise<void>;
  /** Rendered above the form, under the error summary: the caption and h1. */
  heading: ReactNode;
  onErrorsChange?(hasErrors: boolean): void;
  children?: ReactNode;
}

/** Name, cost centre and service area: the same form to add a team and to change one. */
export function TeamForm({ initial, submitLabel, onSave, heading, onErrorsChange, children }: TeamFormProps) {
  const [values, setValues] = useState<TeamInput>(initial);
  const [fields, setFields] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...FIELDS.flatMap((field) => (fields[field] ? [{ fieldId: `team-${field}`, message: fields[field] }] : [])),
  ];

  function show(nextFields: FieldErrors<Field>, nextGeneral: string | null) {
    setFields(nextFields);
    setGeneral(nextGeneral);
    onErrorsChange?.(Object.keys(nextFields).length > 0 || nextGeneral !== null);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const input: TeamInput = {
      name: values.name.trim(),
      costCentre: values.costCentre.trim(),
      serviceArea: values.serviceArea.trim(),
    };
    const problems: FieldErrors<Field> = {};
    if (input.name === "") problems.name = "Enter the team's name";
    if (input.costCentre === "") problems.costCentre = "Enter the team's cost centre";
    if (input.serviceArea === "") problems.serviceArea = "Enter the service area the team belongs to";
    show(problems, null);
    if (Object.keys(problems).length > 0) return;

    setSaving(true);
    try {
      await onSave(input);
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError) {
        const fromServer: FieldErrors<Field> = {};
        for (const field of FIELDS) {
          const message = error.fieldMessage(field);
          if (message) fromServer[field] = message;
        }
        if (Object.keys(fromServer).length > 0) return show(fromServer, null);
        if (error.status === 409) return show({ name: error.detail ?? "There is already a team with this name" }, null);
      }
      show({}, describeApiError(error));
    }
  }

  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  return (
    <>
      <ErrorSummary errors={summary} />
      {heading}
      {children}
      <form noValidate onSubmit={(event) => void handleSubmit(event)}>
        <TextInput id="team-name" label="Team name" value={values.name} onChange={set("name")} error={fields.name} autoComplete="off" />
        <TextInput
          id="team-costCentre"
          label="Cost centre"
          hint="As the finance system knows it, for example CC-4100. It goes on every export row for this team."
          widthClass="govuk-input--width-10"
          value={values.costCentre}
          onChange={set("costCentre")}
          error={fields.costCentre}
          autoComplete="off"
          spellCheck={false}
        />
        <TextInput
          id="team-serviceArea"
          label="Service area"
          hint="For example Children's Social Care. The transparency publication shows it as the department."
          value={values.serviceArea}
          onChange={set("serviceArea")}
          error={fields.serviceArea}
          autoComplete="off"
        />
        <SubmitButton busy={saving} busyLabel="Saving…">
          {submitLabel}
        </SubmitButton>
      </form>
    </>
  );
}
