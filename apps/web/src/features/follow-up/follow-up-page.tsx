import { todayIn } from "@greentape/domain/dates";
import { canRecordFollowUp } from "@greentape/domain/permissions";
import { FOLLOW_UP_METHODS, FOLLOW_UP_OUTCOMES, FOLLOW_UP_OUTCOME_LABELS, followUpDateProblem, followUpInputSchema } from "@greentape/domain/workflow-input";
import type { FollowUpInput } from "@greentape/domain/workflow-input";
import type { SpendDetail } from "@greentape/contract/spends";
import { DraftStatus } from "../../components/draft-status.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { RadioItems, Textarea } from "../../components/form-fields.tsx";
import type { RadioOption } from "../../components/form-fields.tsx";
import { FieldsetFormGroup } from "../../components/form-group.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { useDraft } from "../../lib/drafts.ts";
import { recordFollowUp } from "./follow-up-api.ts";
import { formatDay } from "../../lib/format.ts";
import { councilTimeZone } from "../../lib/council-settings.ts";
import { FOLLOW_UP_METHOD_LABELS, SpendActionNotAllowed, SpendFormLayout, SpendFormPage, useSpendDraftSubmit } from "../spend-case/index.ts";
import type { Checked } from "../spend-case/index.ts";

const FIELDS = ["contactedOn", "method", "outcome", "clientView", "notes"] as const;
type Field = (typeof FIELDS)[number];

const OUTCOME_HINTS: Partial<Record<(typeof FOLLOW_UP_OUTCOMES)[number], string>> = {
  could_not_contact: "You tried, but could not reach them",
};

export function FollowUpPage() {
  return <SpendFormPage heading="Follow up with the client" form={(spend) => <FollowUpForm spend={spend} />} />;
}

function FollowUpForm({ spend }: { spend: SpendDetail }) {
  const user = useCurrentUser();
  const today = todayIn(councilTimeZone(), new Date());
  const draft = useDraft("follow-up", user.id, spend.id, () => ({
    contactedOn: spend.followUp?.contactedOn ?? today,
    method: spend.followUp?.method ?? "",
    outcome: spend.followUp?.outcome ?? "",
    clientView: spend.followUp?.clientView ?? "",
    notes: spend.followUp?.notes ?? "",
  }));
  const { errors, general, offline, submitting, submit } = useSpendDraftSubmit(spend.id, "follow-up", draft, FIELDS);
  const v = draft.values;

  const allowed = canRecordFollowUp(
    { id: user.id, role: user.role, teamId: user.teamId },
    { workerId: spend.workerId, teamId: spend.teamId, createdAt: new Date(spend.createdAt), voided: spend.voided },
  );
  const heading = spend.followUp ? "Change the follow-up" : "Follow up with the client";

  const summary: SummaryError[] = [
    ...(general ? [{ message: general }] : []),
    ...FIELDS.flatMap((f) => (errors[f] ? [{ fieldId: f === "method" ? "method-0" : f === "outcome" ? "outcome-0" : f, message: errors[f] as string }] : [])),
  ];
  usePageTitle(heading, summary.length > 0);

  function check(): Checked<Field, FollowUpInput> {
    const input = {
      contactedOn: v.contactedOn,
      method: v.method,
      outcome: v.outcome,
      ...(v.clientView.trim() ? { clientView: v.clientView } : {}),
      ...(v.notes.trim() ? { notes: v.notes } : {}),
    };
    const found: FieldErrors<Field> = {};
    const parsed = followUpInputSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]) as Field;
        if (found[field]) continue;
        found[field] =
          field === "contactedOn"
            ? "Enter the date you contacted the client"
            : field === "method"
              ? "Choose how you contacted the client"
              : field === "outcome"
                ? "Choose whether the spend helped"
                : issue.message;
      }
    }
    if (!found.contactedOn && v.contactedOn) {
      const problem = followUpDateProblem(v.contactedOn, spend.spentOn, today);
      if (problem) found.contactedOn = problem;
    }
    if (Object.keys(found).length > 0 || !parsed.success) return { errors: found };
    return { input: parsed.data };
  }

  if (!allowed) {
    return (
      <SpendActionNotAllowed
        heading="Follow up with the client"
        reason={spend.voided ? "This spend was voided, so it needs no follow-up." : "Only the spend's worker or their supervisor can record the follow-up."}
        spendId={spend.id}
      />
    );
  }

  return (
    <SpendFormLayout
      spend={spend}
      heading={heading}
      deadline={{ key: "Follow up by", dueOn: spend.followUpDueOn, overdue: spend.followUpOverdue }}
      errors={summary}
      offline={offline}
    >
      <p className="govuk-body">Ask the client whether the spend helped, and write down what they said.</p>

      <form
        noValidate
        onSubmit={(event) =>
          void submit(event, check, (input) => recordFollowUp(spend.id, input), "Follow-up recorded. Thank you for asking the client.")
        }
      >
        <TextInput
          id="contactedOn"
          name="contactedOn"
          label="When you contacted the client"
          hint={`Between ${formatDay(spend.spentOn)} and today`}
          type="date"
          min={spend.spentOn}
          max={today}
          widthClass="govuk-input--width-10"
          value={v.contactedOn}
          onChange={(e) => draft.change({ contactedOn: e.target.value })}
          error={errors.contactedOn}
        />
        <Radios
          name="method"
          legend="How you contacted them"
          options={FOLLOW_UP_METHODS.map((m) => ({ value: m, label: FOLLOW_UP_METHOD_LABELS[m] ?? m }))}
          value={v.method}
          onChange={(method) => draft.change({ method })}
          error={errors.method}
          small
        />
        <Radios
          name="outcome"
          legend="Did the spend help?"
          options={FOLLOW_UP_OUTCOMES.map((o) => ({ value: o, label: FOLLOW_UP_OUTCOME_LABELS[o], hint: OUTCOME_HINTS[o] }))}
          value={v.outcome}
          onChange={(outcome) => draft.change({ outcome })}
          error={errors.outcome}
        />
        <Textarea
          id="clientView"
          label="What the client said, in their own words (optional)"
          hint="Write it as they said it. It is how the council learns what works."
          value={v.clientView}
          name="clientView"
          onChange={(e) => draft.change({ clientView: e.target.value })}
          error={errors.clientView}
          rows={4}
        />
        <Textarea
          id="notes"
          label="Your notes (optional)"
          value={v.notes}
          name="notes"
          onChange={(e) => draft.change({ notes: e.target.value })}
          error={errors.notes}
          rows={3}
        />
        <DraftStatus savedAt={draft.savedAt} />
        <button type="submit" className="govuk-button" data-module="govuk-button" aria-disabled={submitting || undefined}>
          {submitting ? "Sending…" : "Record follow-up"}
        </button>
      </form>
    </SpendFormLayout>
  );
}

interface RadiosProps {
  name: string;
  legend: string;
  options: RadioOption<string>[];
  value: string;
  onChange(value: string): void;
  error?: string;
  small?: boolean;
}

function Radios({ name, legend, options, value, onChange, error, small }: RadiosProps) {
  return (
    <FieldsetFormGroup legend={legend} error={error} errorId={error ? `${name}-error` : undefined}>
      <div className={`govuk-radios${small ? " govuk-radios--small" : ""}`} data-module="govuk-radios">
        <RadioItems name={name} options={options} value={value} onChange={onChange} optionId={(_, index) => `${name}-${index}`} />
      </div>
    </FieldsetFormGroup>
  );
}
