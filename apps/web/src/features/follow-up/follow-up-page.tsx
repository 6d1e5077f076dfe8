import { useState } from "react";
import { SpendNotLoaded } from "../../components/spend-not-loaded.tsx";
import { Textarea } from "../../components/form-fields.tsx";
import type { FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { todayIn } from "@greentape/domain/dates";
import { formatMoney } from "@greentape/domain/money";
import { canRecordFollowUp } from "@greentape/domain/permissions";
import { FOLLOW_UP_METHODS, FOLLOW_UP_OUTCOMES, FOLLOW_UP_OUTCOME_LABELS, followUpDateProblem, followUpInputSchema } from "@greentape/domain/workflow-input";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Loading } from "../../components/loading.tsx";
import { FOLLOW_UP_METHOD_LABELS, formatDay, formatTimestamp } from "../../components/spend-case.tsx";
import type { SpendCaseData } from "../../components/spend-case.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { useCurrentUser } from "../../lib/auth.tsx";
import { useDraft } from "../../lib/drafts.ts";
import { recordFollowUp, useSpend } from "./follow-up-api.ts";

const FIELDS = ["contactedOn", "method", "outcome", "clientView", "notes"] as const;
type Field = (typeof FIELDS)[number];

const OUTCOME_HINTS: Partial<Record<(typeof FOLLOW_UP_OUTCOMES)[number], string>> = {
  could_not_contact: "You tried, but could not reach them",
};

export function FollowUpPage() {
  const { id = "" } = useParams();
  const spend = useSpend(id);
  usePageTitle("Follow up with the client");

  if (spend.state.status === "loading") {
    return (
      <>
        <h1 className="govuk-heading-l">Follow up with the client</h1>
        <Loading label="Getting the spend" />
      </>
    );
  }
  if (spend.state.status === "failed") {
    return <SpendNotLoaded heading="Follow up with the client" error={spend.state.error} onRetry={spend.reload} />;
  }
  return <FollowUpForm spend={spend.state.data} />;
}

function FollowUpForm({ spend }: { spend: SpendCaseData }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const today = todayIn("Europe/London", new Date());
  const draft = useDraft("follow-up", user.id, spend.id, () => ({
    contactedOn: spend.followUp?.contactedOn ?? today,
    method: spend.followUp?.method ?? "",
    outcome: spend.followUp?.outcome ?? "",
    clientView: spend.followUp?.clientView ?? "",
    notes: spend.followUp?.notes ?? "",
  }));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const [submitting, setSubmitting] = useState(false);
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

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setGeneral(null);
    setOffline(false);
    const input = {
      contactedOn: v.contactedOn,
      method: v.method,
      outcome: v.outcome,
      ...(v.clientView.trim() ? { clientView: v.clientView } : {}),
      ...(v.notes.trim() ? { notes: v.notes } : {}),
    };
    const found: Partial<Record<Field, string>> = {};
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
    if (Object.keys(found).length > 0 || !parsed.success) {
      setErrors(found);
      return;
    }
    setErrors({});
    setSubmitting(true);
    draft.save();
    try {
      await recordFollowUp(spend.id, parsed.data);
      draft.discard();
      navigate(`/spends/${spend.id}`, { state: { done: "Follow-up recorded. Thank you for asking the client." } });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof NetworkError) {
        setOffline(true);
        return;
      }
      if (error instanceof ApiError) {
        const fromServer: Partial<Record<Field, string>> = {};
        for (const f of FIELDS) {
          const message = error.fieldMessage(f);
          if (message) fromServer[f] = message;
        }
        if (Object.keys(fromServer).length > 0) setErrors(fromServer);
        else setGeneral(error.detail ?? error.title);
        return;
      }
      setGeneral("Sorry, something went wrong. Your draft is saved on this phone. Try again.");
    }
  }

  if (!allowed) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Follow up with the client</h1>
          <p className="govuk-body">
            {spend.voided ? "This spend was voided, so it needs no follow-up." : "Only the spend's worker or their supervisor can record the follow-up."}
          </p>
          <Link className="govuk-link" to={`/spends/${spend.id}`}>
            Back to the spend
          </Link>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        {offline ? (
          <div className="govuk-notification-banner" role="alert" aria-labelledby="offline-title" data-testid="offline-notice">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="offline-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">You seem to be offline, so it was not sent.</p>
              <p className="govuk-body">Your draft is saved on this phone. Send it when you have a signal.</p>
            </div>
          </div>
        ) : null}
        <Link className="govuk-back-link" to={`/spends/${spend.id}`}>
          Back to the spend
        </Link>
        <span className="govuk-caption-l">
          {formatMoney(spend.amount, spend.currency)} for {spend.client.reference}
        </span>
        <h1 className="govuk-heading-l">{heading}</h1>
        <SummaryList
          rows={[
            { key: "Paid to", value: spend.payee },
            { key: "Category", value: spend.category },
            { key: "Date spent", value: formatDay(spend.spentOn) },
            { key: "Follow up by", value: `${formatDay(spend.followUpDueOn)}${spend.followUpOverdue ? " (overdue)" : ""}` },
          ]}
        />
        <p className="govuk-body">Ask the client whether the spend helped, and write down what they said.</p>

        <form noValidate onSubmit={(event) => void handleSubmit(event)}>
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
          <p className="govuk-body-s gt-draft-status" role="status" data-testid="draft-status">
            {draft.savedAt ? `Draft saved on this phone at ${formatTimestamp(draft.savedAt).split(" at ")[1] ?? ""}.` : ""}
          </p>
          <button type="submit" className="govuk-button" data-module="govuk-button" aria-disabled={submitting || undefined}>
            {submitting ? "Sending…" : "Record follow-up"}
          </button>
        </form>
      </div>
    </div>
  );
}

interface RadiosProps {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  value: string;
  onChange(value: string): void;
  error?: string;
  small?: boolean;
}

function Radios({ name, legend, options, value, onChange, error, small }: RadiosProps) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${name}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {error ? (
          <p id={`${name}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className={`govuk-radios${small ? " govuk-radios--small" : ""}`} data-module="govuk-radios">
          {options.map((option, index) => (
            <div className="govuk-radios__item" key={option.value}>
              <input
                className="govuk-radios__input"
                id={`${name}-${index}`}
                name={name}
                type="radio"
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
                aria-describedby={option.hint ? `${name}-${index}-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${name}-${index}`}>
                {option.label}
              </label>
              {option.hint ? (
                <div id={`${name}-${index}-hint`} className="govuk-hint govuk-radios__hint">
                  {option.hint}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

