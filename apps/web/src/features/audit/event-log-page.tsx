import { useMemo, useRef, useState } from "react";
import type { FormEvent } from "react";
import type { LogVerdict } from "@greentape/contract/log";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { Textarea } from "../../components/form-fields.tsx";
import { PageColumn } from "../../components/page-column.tsx";
import { usePageTitle } from "../../components/use-page-title.ts";
import { councilDateFormat } from "../../lib/council-settings.ts";
import type { SignedCheckpoint } from "../../lib/log-api.ts";
import { describeApiError } from "../../lib/use-api-data.ts";
import { verifyEventLog } from "./audit-api.ts";
import { checkNewestCheckpoint } from "./log-witness.ts";
import type { LogCheck } from "./log-witness.ts";
import "../../styles/office-components.scss";
import "./audit.scss";

interface Checked {
  /** The browser's own check of the newest checkpoint; absent for a check against a pasted one. */
  witness?: LogCheck;
  verdict: LogVerdict;
  at: Date;
}

const TIME = () => councilDateFormat("en-GB", { hour: "numeric", minute: "2-digit", second: "2-digit" });
const DAY = () => councilDateFormat("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "numeric", minute: "2-digit" });
const count = (n: number) => n.toLocaleString("en-GB");

/**
 * The auditor checks the event log two ways at once: this browser checks that the log's newest
 * signed checkpoint extends every one it has seen before, and the server rebuilds the whole tree
 * from the events and checks it against every checkpoint it signed.
 */
export function EventLogPage() {
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState("");
  const [savedError, setSavedError] = useState<string | undefined>();
  const result = useRef<HTMLDivElement>(null);

  const summary = useMemo<SummaryError[]>(() => (savedError ? [{ fieldId: "saved-checkpoint", message: savedError }] : []), [savedError]);
  usePageTitle("Event log", summary.length > 0);

  async function run(check: () => Promise<Checked>) {
    if (checking) return;
    setChecking(true);
    setProblem(null);
    try {
      setChecked(await check());
    } catch (error) {
      setChecked(null);
      setProblem(describeApiError(error));
    } finally {
      setChecking(false);
      requestAnimationFrame(() => result.current?.focus());
    }
  }

  const checkNewest = () =>
    run(async () => {
      const witness = await checkNewestCheckpoint();
      const previous = witness.state === "unsigned" ? undefined : witness.previous?.note;
      return { witness, verdict: await verifyEventLog(previous), at: new Date() };
    });

  function checkSaved(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = saved.replaceAll("\r\n", "\n").trim();
    const error = /\n\n\u2014 \S+ \S+$/.test(text) ? undefined : "Paste the whole checkpoint: its origin, size and root lines, an empty line, and its signature line starting with —";
    setSavedError(error);
    if (!error) void run(async () => ({ verdict: await verifyEventLog(`${text}\n`), at: new Date() }));
  }

  return (
    <PageColumn>
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">Audit</span>
      <h1 className="govuk-heading-l">Event log</h1>
      <p className="govuk-body">
        Every change in Green Tape is written to a log that can only be added to. The log is a Merkle tree, as in
        Certificate Transparency: every few moments it is sealed with a signed checkpoint, and any later checkpoint must
        extend every earlier one.
      </p>
      <p className="govuk-body">
        Checking asks the server to rebuild the log from every entry, and this browser to check the newest checkpoint
        against every one it has seen before. Even someone with full control of the database cannot pass that.
      </p>
      <button type="button" className="govuk-button" onClick={() => void checkNewest()} aria-disabled={checking || undefined}>
        {checking ? "Checking the event log…" : "Check the event log"}
      </button>

      <div aria-live="polite" ref={result} tabIndex={-1} className="gt-verify__result" data-testid="chain-result">
        {checked ? <Outcome checked={checked} /> : null}
        {problem ? <p className="govuk-body">The check could not be run. {problem}</p> : null}
      </div>

      <details className="govuk-details" open={summary.length > 0 ? true : undefined}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Check against a checkpoint saved elsewhere</span>
        </summary>
        <div className="govuk-details__text">
          <p className="govuk-body">
            A checkpoint printed in a month's close, an audit report, or saved by a witness: the log must still extend it.
          </p>
          <form noValidate onSubmit={checkSaved}>
            <Textarea
              id="saved-checkpoint"
              name="checkpoint"
              label="Saved checkpoint"
              rows={5}
              spellCheck={false}
              autoComplete="off"
              autoCapitalize="none"
              value={saved}
              onChange={(event) => setSaved(event.target.value)}
              error={savedError}
            />
            <button type="submit" className="govuk-button govuk-button--secondary" aria-disabled={checking || undefined}>
              Check against this checkpoint
            </button>
          </form>
        </div>
      </details>
    </PageColumn>
  );
}

function CheckpointRows({ checkpoint, label }: { checkpoint: SignedCheckpoint & { seenAt?: string }; label: string }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">
        {count(checkpoint.size)} entries, root <span className="gt-code">{checkpoint.root}</span>
        {checkpoint.seenAt ? <span className="gt-block gt-secondary">seen {DAY().format(new Date(checkpoint.seenAt))}</span> : null}
      </dd>
    </div>
  );
}

function Outcome({ checked }: { checked: Checked }) {
  const { witness, verdict, at } = checked;
  const when = TIME().format(at);
  if (witness?.state === "inconsistent") {
    return (
      <div className="gt-verdict gt-verdict--bad" data-testid="log-inconsistent">
        <h2 className="govuk-heading-m">The event log has been rewritten</h2>
        <p className="govuk-body">
          <strong>The new checkpoint is not consistent with the one this browser holds.</strong> {witness.reason}
        </p>
        <dl className="govuk-summary-list gt-head">
          <CheckpointRows checkpoint={witness.previous} label="This browser holds" />
          <CheckpointRows checkpoint={witness.latest} label="The log now shows" />
        </dl>
        <p className="govuk-body">
          Checked at {when}. Report this to the council's head of audit, keep the database as it is for investigation, and
          do not rely on the log until it is explained.
        </p>
      </div>
    );
  }
  if (witness?.state === "unsigned") {
    return (
      <div className="gt-verdict gt-verdict--bad" data-testid="log-unsigned">
        <h2 className="govuk-heading-m">The event log's checkpoint cannot be trusted</h2>
        <p className="govuk-body">{witness.reason}</p>
        <p className="govuk-body">Checked at {when}. Report this to the council's head of audit.</p>
      </div>
    );
  }
  if (!verdict.ok) {
    return (
      <div className="gt-verdict gt-verdict--bad" data-testid="chain-broken">
        <h2 className="govuk-heading-m">The event log has been changed</h2>
        {verdict.firstBadIndex !== undefined ? (
          <p className="govuk-body">
            <strong data-testid="broken-entry">
              Entry {verdict.firstBadIndex}
              {verdict.firstBrokenId !== undefined ? ` (event ${verdict.firstBrokenId})` : ""}
            </strong>{" "}
            is the first that does not fit.
          </p>
        ) : null}
        {verdict.reason ? <p className="govuk-body">{verdict.reason}</p> : null}
        <p className="govuk-body">
          Checked at {when}; {count(verdict.checked)} entries were rebuilt. Report this to the council's head of audit and keep
          the database as it is for investigation.
        </p>
      </div>
    );
  }
  const latest = witness?.state === "intact" ? witness.latest : null;
  return (
    <div className="gt-verdict gt-verdict--good" data-testid="chain-ok">
      <h2 className="govuk-heading-m">The event log is intact</h2>
      <p className="govuk-body">
        Checked at {when}: the server rebuilt all {count(verdict.checked)} entries from their events, and every signed
        checkpoint matches them.
        {witness?.state === "intact"
          ? witness.previous
            ? ` This browser checked that the newest checkpoint extends the one it held from ${DAY().format(new Date(witness.previous.seenAt))} (${count(witness.previous.size)} entries).`
            : " This browser had no checkpoint of this log before; it keeps this one, and every later check must extend it."
          : " The log still extends the checkpoint you pasted."}
      </p>
      {latest && witness?.state === "intact" ? (
        <>
          <h3 className="govuk-heading-s">Keep this checkpoint</h3>
          <pre className="govuk-body gt-code gt-pre" data-testid="checkpoint">
            {latest.note}
          </pre>
          <p className="govuk-body">
            This browser holds {count(witness.held)} {witness.held === 1 ? "checkpoint" : "checkpoints"} of this log. Put the
            newest somewhere Green Tape cannot change, such as the minutes of the audit committee: anyone holding it can ask
            the log to prove it still extends it (<span className="gt-code">npm run verify-log</span>).
          </p>
        </>
      ) : null}
    </div>
  );
}
