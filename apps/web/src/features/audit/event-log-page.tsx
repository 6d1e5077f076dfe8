import { useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { TextInput } from "../../components/text-input.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { verifyEventLog } from "./audit-api.ts";
import type { ChainVerdict } from "./audit-api.ts";
import "../../styles/office-components.scss";
import "./audit.scss";

interface Checked {
  verdict: ChainVerdict;
  /** The head published earlier that the check was asked to find, if any. */
  knownHead?: { id: number; hash: string };
  at: Date;
}

type Field = "head-id" | "head-hash";

const TIME = new Intl.DateTimeFormat("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit", timeZone: "Europe/London" });

/** The auditor checks the hash-chained event log, sees the head to publish, and checks a head published before. */
export function EventLogPage() {
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [headId, setHeadId] = useState("");
  const [headHash, setHeadHash] = useState("");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const result = useRef<HTMLDivElement>(null);

  // A new list only when the problems change: the summary takes focus each time it gets one.
  const summary = useMemo<SummaryError[]>(
    () => (["head-id", "head-hash"] as const).flatMap((field) => (errors[field] ? [{ fieldId: field, message: errors[field] }] : [])),
    [errors],
  );
  usePageTitle("Event log", summary.length > 0);

  async function run(knownHead?: { id: number; hash: string }) {
    if (checking) return;
    setChecking(true);
    setProblem(null);
    try {
      setChecked({ verdict: await verifyEventLog(knownHead), knownHead, at: new Date() });
    } catch (error) {
      setChecked(null);
      setProblem(describeApiError(error));
    } finally {
      setChecking(false);
      requestAnimationFrame(() => result.current?.focus());
    }
  }

  function checkKnownHead(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: Partial<Record<Field, string>> = {};
    const id = headId.trim();
    const hash = headHash.trim().toLowerCase();
    if (!/^\d+$/.test(id) || Number(id) < 1) next["head-id"] = "Enter the entry number you published, like 1042";
    if (!/^[0-9a-f]{64}$/.test(hash)) next["head-hash"] = "Enter the hash you published: 64 characters, 0 to 9 and a to f";
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    void run({ id: Number(id), hash });
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <span className="govuk-caption-l">Audit</span>
        <h1 className="govuk-heading-l">Event log</h1>
        <p className="govuk-body">
          Every change in Green Tape is written to a log that can only be added to. Each entry carries a hash of the one
          before it, so changing or removing any entry breaks the chain from there on.
        </p>
        <p className="govuk-body">Checking recomputes every hash and names the first entry that does not fit.</p>
        <button type="button" className="govuk-button" onClick={() => void run()} aria-disabled={checking || undefined}>
          {checking ? "Checking the event log…" : "Check the event log"}
        </button>

        <div aria-live="polite" ref={result} tabIndex={-1} className="gt-verify__result" data-testid="chain-result">
          {checked ? <Verdict checked={checked} /> : null}
          {problem ? <p className="govuk-body">The check could not be run. {problem}</p> : null}
        </div>

        <details className="govuk-details" open={summary.length > 0 ? true : undefined}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Check against a hash you published earlier</span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">
              Someone with full control of the database could rewrite the whole log, hashes and all. A head hash published
              outside Green Tape catches that: the log must still hold that entry with that hash.
            </p>
            <form noValidate onSubmit={checkKnownHead}>
              <TextInput
                id="head-id"
                name="headId"
                label="Entry number"
                inputMode="numeric"
                widthClass="govuk-input--width-10"
                value={headId}
                onChange={(event) => setHeadId(event.target.value)}
                error={errors["head-id"]}
              />
              <TextInput
                id="head-hash"
                name="headHash"
                label="Hash"
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="none"
                value={headHash}
                onChange={(event) => setHeadHash(event.target.value)}
                error={errors["head-hash"]}
              />
              <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={checking || undefined}>
                Check against this hash
              </button>
            </form>
          </div>
        </details>
      </div>
    </div>
  );
}

function Verdict({ checked }: { checked: Checked }) {
  const { verdict, knownHead, at } = checked;
  const when = TIME.format(at);
  if (verdict.ok) {
    return (
      <div className="gt-verdict gt-verdict--good" data-testid="chain-ok">
        <h2 className="govuk-heading-m">The event log is intact</h2>
        <p className="govuk-body">
          Checked at {when}: all {verdict.checked.toLocaleString("en-GB")} entries, and every link in the chain holds.
          {knownHead ? ` It still holds entry ${knownHead.id} with the hash you published.` : ""}
        </p>
        {verdict.headId !== undefined && verdict.headHash ? (
          <>
            <h3 className="govuk-heading-s">Publish this outside Green Tape</h3>
            <dl className="govuk-summary-list gt-head">
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Latest entry</dt>
                <dd className="govuk-summary-list__value" data-testid="head-id">
                  {verdict.headId}
                </dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Head hash</dt>
                <dd className="govuk-summary-list__value gt-code" data-testid="head-hash">
                  {verdict.headHash}
                </dd>
              </div>
            </dl>
            <p className="govuk-body">
              Put the entry number, the hash and today's date somewhere Green Tape cannot change, such as the minutes of the
              audit committee. A later check against them proves the log was not rewritten since.
            </p>
          </>
        ) : null}
      </div>
    );
  }
  return (
    <div className="gt-verdict gt-verdict--bad" data-testid="chain-broken">
      <h2 className="govuk-heading-m">The event log has been changed</h2>
      {verdict.firstBrokenId !== undefined ? (
        <p className="govuk-body">
          <strong data-testid="broken-entry">Entry {verdict.firstBrokenId}</strong> is the first that does not fit
          {verdict.reason ? `: ${verdict.reason}` : ""}. Entries from {verdict.firstBrokenId} on cannot be trusted.
        </p>
      ) : (
        <p className="govuk-body">{verdict.reason ? `${capitalise(verdict.reason)}.` : "The chain does not verify."}</p>
      )}
      <p className="govuk-body">
        Checked at {when}; {verdict.checked.toLocaleString("en-GB")} entries were checked. Report this to the council's head of
        audit and keep the database as it is for investigation.
      </p>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
