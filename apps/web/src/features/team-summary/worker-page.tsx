import { useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useLocation, useParams } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Textarea } from "../../components/form-fields.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { SuccessBanner, flashFrom } from "../../components/success-banner.tsx";
import { SummaryList } from "../../components/summary-list.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { ApiError, NetworkError } from "../../lib/api-client.ts";
import { RestrictionsSection } from "../../components/restrictions-section.tsx";
import { PauseStatus } from "./pause-status.tsx";
import { onTime, useTrackRecord } from "../../lib/track-record-api.ts";
import { snoozePause, useTeamPauses } from "./team-summary-api.ts";
import { formatDay } from "../../lib/format.ts";
import "../../styles/office-components.scss";
import "./team-summary.scss";
import type { FieldErrors } from "../../lib/field-errors.ts";

type Field = "days" | "reason";

/** One team member, for their supervisor: their on-time record, and lifting a pause on their spending. */
export function WorkerPage() {
  const { workerId = "" } = useParams();
  const flash = flashFrom(useLocation().state);
  const { state, reload } = useTrackRecord(workerId);
  const record = state.status === "loaded" ? state.data : null;
  const pauses = useTeamPauses();
  // Not on the team's list: nothing past grace, so nothing to lift. If the list cannot be read,
  // the form stays offered and the server says whether there is a pause.
  const pause = pauses.state.status === "loaded" ? (pauses.state.data.items.find((p) => p.worker.id === workerId) ?? null) : undefined;

  const [days, setDays] = useState("3");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [liftedUntil, setLiftedUntil] = useState<string | null>(null);
  const banner = useRef<HTMLDivElement>(null);

  // A new list only when the problems change: the summary takes focus each time it gets one.
  const summary = useMemo<SummaryError[]>(
    () => [
      ...(general ? [{ message: general }] : []),
      ...(["days", "reason"] as const).flatMap((field) => (errors[field] ? [{ fieldId: field, message: errors[field] }] : [])),
    ],
    [general, errors],
  );
  usePageTitle(record ? record.name : "Team member", summary.length > 0);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    const next: FieldErrors<Field> = {};
    const n = Number(days.trim());
    if (!/^\d+$/.test(days.trim()) || n < 1 || n > 14) next.days = "Enter a number of days from 1 to 14";
    if (reason.trim().length < 5) next.reason = "Enter why you are lifting the pause";
    setGeneral(null);
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setSending(true);
    try {
      const snooze = await snoozePause(workerId, { days: n, reason: reason.trim() });
      setLiftedUntil(snooze.untilOn);
      setReason("");
      pauses.reload();
      requestAnimationFrame(() => banner.current?.focus());
    } catch (error) {
      setLiftedUntil(null);
      if (error instanceof ApiError) {
        const fields: FieldErrors<Field> = {};
        const d = error.fieldMessage("days");
        const r = error.fieldMessage("reason");
        if (d) fields.days = d;
        if (r) fields.reason = r;
        setErrors(fields);
        if (error.isType("not-paused")) pauses.reload();
        if (!d && !r) {
          setGeneral(
            error.isType("not-paused")
              ? `${record?.name ?? "This worker"}'s spending is not paused, so there is nothing to lift.`
              : (error.detail ?? "The pause could not be lifted."),
          );
        }
      } else {
        setGeneral(error instanceof NetworkError ? "Green Tape could not be reached. Check your connection and try again." : "Sorry, something went wrong.");
      }
    } finally {
      setSending(false);
    }
  }

  return (
    <PageColumn back={{ to: "/team", label: "Back to the team summary" }}>
      <ErrorSummary errors={summary} />
      {liftedUntil ? (
        <div ref={banner} tabIndex={-1} className="gt-focus-target">
          <SuccessBanner heading={`Pause lifted until ${formatDay(liftedUntil)}`}>
            {record?.name ?? "They"} can log new spends again. The pause comes back after that if the justifications are
            still overdue.
          </SuccessBanner>
        </div>
      ) : null}
      {flash && !liftedUntil ? <SuccessBanner heading={flash} /> : null}
      <span className="govuk-caption-l">Your team</span>
      <h1 className="govuk-heading-l">{record ? record.name : "Team member"}</h1>
      {state.status === "loading" ? <Loading label="Loading their record" /> : null}
      {state.status === "failed" ? <LoadFailed what="their record" error={state.error} onRetry={reload} /> : null}
      {record ? (
        <>
          <h2 className="govuk-heading-m">Track record</h2>
          <p className="govuk-body">A record of keeping to the deadlines, for you and them to see. It is not a ranking.</p>
          <SummaryList
            rows={[
              { key: "Justifications", value: <span data-testid="justifications-on-time">{onTime(record.justifications, "justifications")}</span> },
              { key: "Client follow-ups", value: <span data-testid="follow-ups-on-time">{onTime(record.followUps, "follow-ups")}</span> },
            ]}
          />

          <h2 className="govuk-heading-m">Spending pause</h2>
          {pause === null ? (
            <p className="govuk-body" data-testid="pause-status">
              {record.name}'s new spends are not paused: no justification is overdue past the grace period.
            </p>
          ) : null}
          {pause ? <PauseStatus pause={pause} /> : null}
          <p className="govuk-body">
            When a justification is overdue past the grace period, {record.name}'s new spends are paused until they catch
            up. If there is a good reason, such as illness, you can lift the pause for up to 14 days. You can do this at most
            twice in a row; after that they must catch up. This is recorded in the event log.
          </p>
          {pause === undefined || pause?.paused ? (
            <form noValidate onSubmit={(event) => void handleSubmit(event)}>
              <TextInput
                id="days"
                name="days"
                label="For how many days?"
                inputMode="numeric"
                widthClass="govuk-input--width-2"
                value={days}
                onChange={(event) => setDays(event.target.value)}
                error={errors.days}
              />
              <Textarea
                id="reason"
                name="reason"
                label="Why?"
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                error={errors.reason}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={sending || undefined}>
                {sending ? "Lifting the pause…" : "Lift the pause"}
              </button>
            </form>
          ) : null}

          <RestrictionsSection workerId={workerId} name={record.name} />
        </>
      ) : null}
    </PageColumn>
  );
}
