import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { reminderPreferencesSchema, type ReminderPreferences } from "@greentape/contract/reminders";
import { CHANNEL_CHOICES, type ChannelChoice, type MessageKind } from "@greentape/domain/outbound-messages";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { LoadFailed } from "../../components/load-failed.tsx";
import { Loading } from "../../components/loading.tsx";
import { SuccessBanner } from "../../components/success-banner.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { apiPut } from "../../lib/api-client.ts";
import { pushIsOn, pushSupported, startPush, stopPush } from "../../lib/push.ts";
import { describeApiError, useApiData } from "../../lib/use-api-data.ts";


const KIND_LABELS: Record<MessageKind, string> = {
  justification_due: "A justification is due in 2 days",
  justification_overdue: "A justification is overdue",
  pause_tomorrow: "Your spending pauses tomorrow",
  pause_began: "Your spending is paused",
  pause_ended: "Your pause has ended",
  supervisor_question: "Your supervisor asks a question",
  supervisor_concern: "Your supervisor raises a concern",
  follow_up_due: "A follow-up is due",
  restriction_set: "Your spending is restricted",
  restriction_lifted: "A restriction is lifted",
  daily_digest: "Daily digest of your team (supervisors)",
  concern_raised: "A concern is raised (auditors)",
};
const CHOICE_LABELS: Record<ChannelChoice, string> = { both: "Email and push", email: "Email only", push: "Push only", none: "Neither" };

function PushSwitch() {
  const [on, setOn] = useState<boolean | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void pushIsOn().then(setOn, () => setOn(false));
  }, []);

  if (!pushSupported()) return <p className="govuk-body">This browser cannot show push notifications. On a phone, add Green Tape to your home screen first.</p>;
  if (on === null) return null;

  async function toggle() {
    setBusy(true);
    setProblem(null);
    try {
      if (on) {
        await stopPush();
        setOn(false);
      } else {
        const granted = await startPush();
        setOn(granted);
        if (!granted) setProblem("Notifications are blocked for Green Tape in this browser's settings.");
      }
    } catch (error) {
      setProblem(describeApiError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="govuk-body" data-testid="push-state">
        Push on this device is <strong>{on ? "on" : "off"}</strong>.
      </p>
      {problem ? <p className="govuk-error-message">{problem}</p> : null}
      <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={busy || undefined} onClick={() => void (busy ? undefined : toggle())}>
        {on ? "Turn off push on this device" : "Turn on push on this device"}
      </button>
    </>
  );
}

function PreferencesForm({ initial }: { initial: ReminderPreferences }) {
  const [choices, setChoices] = useState(() => Object.fromEntries(initial.kinds.map((k) => [k.kind, k.choice])) as Record<MessageKind, ChannelChoice>);
  const [quietFrom, setQuietFrom] = useState(initial.quietFrom);
  const [quietTo, setQuietTo] = useState(initial.quietTo);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [saved, setSaved] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    try {
      await apiPut<ReminderPreferences>("/api/me/reminder-preferences", { channels: choices, quietFrom, quietTo });
      setErrors([]);
      setSaved(true);
    } catch (error) {
      setErrors([{ message: describeApiError(error) }]);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void handleSubmit(event)}>
      <ErrorSummary errors={errors} />
      {saved ? <SuccessBanner heading="Your reminder settings are saved" /> : null}
      <h2 className="govuk-heading-m">How you hear each reminder</h2>
      <p className="govuk-body">Due-date warnings always reach you one way or another.</p>
      {initial.kinds.map(({ kind, canTurnOff }) => (
        <div className="govuk-form-group" key={kind}>
          <label className="govuk-label" htmlFor={`choice-${kind}`}>
            {KIND_LABELS[kind]}
          </label>
          <select className="govuk-select" id={`choice-${kind}`} name={kind} value={choices[kind]} onChange={(event) => setChoices({ ...choices, [kind]: event.target.value as ChannelChoice })}>
            {CHANNEL_CHOICES.filter((c) => canTurnOff || c !== "none").map((c) => (
              <option key={c} value={c}>
                {CHOICE_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
      ))}
      <h2 className="govuk-heading-m">Quiet hours</h2>
      <p className="govuk-body">No push between these times. Email still arrives, to read when you choose.</p>
      {(
        [
          ["quiet-from", "Quiet from", quietFrom, setQuietFrom],
          ["quiet-to", "Quiet until", quietTo, setQuietTo],
        ] as const
      ).map(([id, label, value, set]) => (
        <div className="govuk-form-group" key={id}>
          <label className="govuk-label" htmlFor={id}>
            {label}
          </label>
          <input className="govuk-input govuk-input--width-5" id={id} type="time" value={value} onChange={(event) => set(event.target.value)} />
        </div>
      ))}
      <button type="submit" className="govuk-button">
        Save reminder settings
      </button>
    </form>
  );
}

/** Push on this device, how each kind of reminder reaches the person, and their quiet hours. */
export function ReminderSettingsPage() {
  const preferences = useApiData("/api/me/reminder-preferences", reminderPreferencesSchema);
  usePageTitle("Reminder settings");
  return (
    <>
      <h1 className="govuk-heading-l">Reminder settings</h1>
      <PushSwitch />
      {preferences.state.status === "loading" ? <Loading label="Loading your reminder settings" /> : null}
      {preferences.state.status === "failed" ? <LoadFailed what="your reminder settings" error={preferences.state.error} onRetry={preferences.reload} /> : null}
      {preferences.state.status === "loaded" ? <PreferencesForm initial={preferences.state.data} /> : null}
    </>
  );
}
