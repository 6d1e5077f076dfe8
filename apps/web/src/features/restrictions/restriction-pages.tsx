import { useMemo, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link, useNavigate, useParams } from "../../lib/router.tsx";
import { parseMoney } from "@greentape/domain/money";
import { restrictionInputSchema, type RestrictionInput, type RestrictionKind } from "@greentape/domain/restrictions";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Radios, Textarea, type RadioOption } from "../../components/form-fields.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { serverFieldErrors } from "../../components/server-field-errors.ts";
import { SubmitOrCancel } from "../../components/submit-button.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { liftRestriction, restrict, usePersonName, useRestrictionPaths, useRestrictions } from "../../lib/restrictions-api.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

const FIELDS = ["kind", "perSpendCap", "perWorkerMonthlyCap", "until", "reason"] as const;
type Field = (typeof FIELDS)[number];

const KIND_OPTIONS: readonly RadioOption<RestrictionKind>[] = [
  { value: "suspend", label: "Suspend their spending", hint: "They cannot log any new spend until the day you choose, or until you lift it." },
  { value: "lower_caps", label: "Lower their caps", hint: "They can still spend, up to the lower amounts you set. The scheme's caps apply where they are lower." },
];

type CapField = "perSpendCap" | "perWorkerMonthlyCap";
const CAP_FIELDS: ReadonlyArray<{ field: CapField; label: string; hint?: string }> = [
  { field: "perSpendCap", label: "Most they may spend at once, in pounds (optional)" },
  { field: "perWorkerMonthlyCap", label: "Most they may spend in a month, in pounds (optional)", hint: "Give at least one of the two." },
];

/** The person named in the address, for their supervisor or an admin; `children` gets their name. */
function ForPerson({ title, children }: { title: (name: string) => string; children: (workerId: string, name: string) => ReactNode }) {
  const { workerId = "" } = useParams();
  const { state, reload } = usePersonName(workerId);
  const name = state.status === "loaded" ? state.data : null;
  usePageTitle(name ? title(name) : "Person");
  return (
    <PageColumn>
      {state.status === "loading" ? <Loading label="Loading the person" /> : null}
      {state.status === "failed" ? <LoadFailed what="the person" error={state.error} onRetry={reload} /> : null}
      {state.status === "loaded" && name === null ? <h1 className="govuk-heading-l">Person not found</h1> : null}
      {name ? children(workerId, name) : null}
    </PageColumn>
  );
}

function summaryOf(general: string | null, errors: FieldErrors<Field>): SummaryError[] {
  return [...(general ? [{ message: general }] : []), ...FIELDS.flatMap((field) => (errors[field] ? [{ fieldId: field, message: errors[field] }] : []))];
}

/**
 * A restriction form's state and its one way of sending: on success back to the team member's
 * page with a note of what happened; on a refusal, the server's word by its field, or at the top.
 */
function useRestrictionSubmit(workerId: string) {
  const navigate = useNavigate();
  const paths = useRestrictionPaths();
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const summary = useMemo(() => summaryOf(general, errors), [general, errors]);

  async function send(request: () => Promise<unknown>, flash: string) {
    if (saving) return;
    setErrors({});
    setSaving(true);
    try {
      await request();
    } catch (error) {
      setSaving(false);
      const fields = error instanceof ApiError ? serverFieldErrors(error, FIELDS) : null;
      if (fields) setErrors(fields);
      else setGeneral(describeApiError(error));
      return;
    }
    void navigate(paths.person(workerId), { state: { flash } satisfies FlashState });
  }

  return { errors, setErrors, setGeneral, saving, summary, send };
}

/** Suspending a team member's spending, or lowering their caps, with a reason. */
export function RestrictPage() {
  return <ForPerson title={(name) => `Restrict ${name}'s spending`}>{(workerId, name) => <RestrictForm workerId={workerId} name={name} />}</ForPerson>;
}

function RestrictForm({ workerId, name }: { workerId: string; name: string }) {
  const { errors, setErrors, setGeneral, saving, summary, send } = useRestrictionSubmit(workerId);
  const paths = useRestrictionPaths();
  const [kind, setKind] = useState<RestrictionKind | "">("");
  const [caps, setCaps] = useState<Record<CapField, string>>({ perSpendCap: "", perWorkerMonthlyCap: "" });
  const [until, setUntil] = useState("");
  const [reason, setReason] = useState("");

  /** The form as the API takes it, checked by the same rules, or the problems to show. */
  function readForm(): { input: RestrictionInput } | { errors: FieldErrors<Field> } {
    const found: FieldErrors<Field> = {};
    if (kind === "") found.kind = "Choose whether to suspend their spending or lower their caps";
    const cap = (text: string, field: CapField) => {
      if (kind !== "lower_caps" || text.trim() === "") return {};
      const minor = parseMoney(text);
      if (minor === null || minor === 0) found[field] = "Enter an amount in pounds, like 20 or 20.50";
      return minor === null ? {} : { [field]: minor };
    };
    const body = { kind, reason, ...(until.trim() ? { until: until.trim() } : {}), ...cap(caps.perSpendCap, "perSpendCap"), ...cap(caps.perWorkerMonthlyCap, "perWorkerMonthlyCap") };
    const parsed = restrictionInputSchema.safeParse(body);
    if (parsed.success && Object.keys(found).length === 0) return { input: parsed.data };
    for (const issue of parsed.error?.issues ?? []) {
      const field = issue.path[0] as Field;
      if (FIELDS.includes(field) && !found[field]) found[field] = issue.message;
    }
    return { errors: found };
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(null);
    const form = readForm();
    if ("errors" in form) setErrors(form.errors);
    else void send(() => restrict(workerId, form.input), `${name} has been told, with your reason`);
  }

  return (
    <>
      <Link className="govuk-back-link" to={paths.person(workerId)}>
        Back to {name}
      </Link>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{paths.area}</span>
      <h1 className="govuk-heading-l">Restrict {name}&rsquo;s spending</h1>
      <p className="govuk-body">{name} is told at once, in the app and on their home screen, with your reason. The restriction is recorded in the event log.</p>
      <form noValidate onSubmit={handleSubmit}>
        <Radios<RestrictionKind> id="kind" name="kind" legend="What should change?" options={KIND_OPTIONS} value={kind} onChange={setKind} error={errors.kind} />
        {kind === "lower_caps" ? (
          <div className="govuk-inset-text">
            {CAP_FIELDS.map(({ field, label, hint }) => (
              <TextInput
                key={field}
                id={field}
                name={field}
                label={label}
                hint={hint}
                inputMode="decimal"
                widthClass="govuk-input--width-5"
                value={caps[field]}
                onChange={(event) => setCaps({ ...caps, [field]: event.target.value })}
                error={errors[field]}
              />
            ))}
          </div>
        ) : null}
        <TextInput
          id="until"
          name="until"
          type="date"
          label="Last day it applies (optional)"
          hint="Leave this empty for it to last until you lift it."
          widthClass="govuk-input--width-10"
          value={until}
          onChange={(event) => setUntil(event.target.value)}
          error={errors.until}
        />
        <Textarea
          id="reason"
          name="reason"
          label="Why?"
          hint={`${name} will see this.`}
          rows={4}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
        />
        <SubmitOrCancel busy={saving} busyLabel="Restricting…" warning cancelTo={paths.person(workerId)}>
          Restrict their spending
        </SubmitOrCancel>
      </form>
    </>
  );
}

/** Lifting a restriction, with a reason: their freedom comes back at once. */
export function LiftRestrictionPage() {
  return <ForPerson title={(name) => `Lift ${name}'s restriction`}>{(workerId, name) => <LiftForm workerId={workerId} name={name} />}</ForPerson>;
}

function LiftForm({ workerId, name }: { workerId: string; name: string }) {
  const { restrictionId = "" } = useParams();
  const { errors, setErrors, setGeneral, saving, summary, send } = useRestrictionSubmit(workerId);
  const paths = useRestrictionPaths();
  const restrictions = useRestrictions(workerId);
  const restriction = restrictions.state.status === "loaded" ? restrictions.state.data.items.find((r) => r.id === restrictionId) : undefined;
  const [reason, setReason] = useState("");

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setGeneral(null);
    if (reason.trim().length < 10) setErrors({ reason: "Say why you are lifting it, in at least 10 characters" });
    else void send(() => liftRestriction(workerId, restrictionId, reason.trim()), `The restriction is lifted: ${name} may spend as the scheme allows`);
  }

  return (
    <>
      <Link className="govuk-back-link" to={paths.person(workerId)}>
        Back to {name}
      </Link>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{paths.area}</span>
      <h1 className="govuk-heading-l">Lift {name}&rsquo;s restriction?</h1>
      {restrictions.state.status === "loading" ? <Loading label="Loading the restriction" /> : null}
      {restrictions.state.status === "failed" ? <LoadFailed what="the restriction" error={restrictions.state.error} onRetry={restrictions.reload} /> : null}
      {restrictions.state.status === "loaded" && !restriction?.inForce ? <p className="govuk-body">This restriction is no longer in force: there is nothing to lift.</p> : null}
      {restriction?.inForce ? (
        <>
          <p className="govuk-body">It was set because: {restriction.reason}</p>
          <p className="govuk-body">{name} may spend as the scheme allows again as soon as you lift it, and is told.</p>
          <form noValidate onSubmit={handleSubmit}>
            <Textarea id="reason" name="reason" label="Why are you lifting it?" rows={3} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} error={errors.reason} />
            <SubmitOrCancel busy={saving} busyLabel="Lifting…" cancelTo={paths.person(workerId)}>
              Lift the restriction
            </SubmitOrCancel>
          </form>
        </>
      ) : null}
    </>
  );
}
