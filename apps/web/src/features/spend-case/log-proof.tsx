// "Proof that this is in the log" for one event of a spend's timeline: the server's inclusion
// proof against its newest checkpoint, checked here in the browser (RFC 9162 §2.1.3.2) with the
// log's own key, so the person reading it need not take the server's word. The hashing and
// Ed25519 code loads only when a proof is opened: a worker's spend page stays as light as before.
import { useState } from "react";
import { spendEventProofSchema, type SpendEventProof } from "@greentape/contract/log";
import { apiGet } from "../../lib/api-client.ts";
import type { SignedCheckpoint } from "../../lib/log-api.ts";
import { describeApiError } from "../../lib/use-api-data.ts";


type Shown = { state: "loading" } | { state: "failed"; message: string } | { state: "checked"; proof: SpendEventProof; checkpoint: SignedCheckpoint | null; holds: boolean };

async function loadProof(spendId: string, logIndex: number): Promise<Shown> {
  const [{ fetchLogKey, readCheckpoint, rootBytes }, { hexToBytes }, { leafHash }, { verifyInclusion }] = await Promise.all([
    import("../../lib/log-api.ts"),
    import("@greentape/log/bytes"),
    import("@greentape/log/hash"),
    import("@greentape/log/tree"),
  ]);
  const [answer, { key }] = await Promise.all([apiGet<unknown>(`/api/spends/${encodeURIComponent(spendId)}/timeline/${logIndex}/proof`), fetchLogKey()]);
  const proof = spendEventProofSchema.parse(answer);
  const checkpoint = readCheckpoint(proof.checkpoint, key);
  const leaf = leafHash(proof.canonical);
  const holds =
    checkpoint !== null &&
    checkpoint.size === proof.treeSize &&
    verifyInclusion(proof.index, proof.treeSize, leaf, proof.proof.map(hexToBytes), rootBytes(checkpoint));
  return { state: "checked", proof, checkpoint, holds };
}

export function LogProof({ spendId, logIndex }: { spendId: string; logIndex: number }) {
  const [shown, setShown] = useState<Shown | null>(null);

  function toggle(open: boolean) {
    if (!open || shown?.state === "checked" || shown?.state === "loading") return;
    setShown({ state: "loading" });
    loadProof(spendId, logIndex).then(setShown, (error: unknown) => setShown({ state: "failed", message: describeApiError(error) }));
  }

  return (
    <details className="govuk-details gt-log-proof" onToggle={(event) => toggle(event.currentTarget.open)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Proof that this is in the log</span>
      </summary>
      <div className="govuk-details__text" aria-live="polite">
        {shown?.state === "loading" ? <p className="govuk-body-s">Fetching the proof…</p> : null}
        {shown?.state === "failed" ? <p className="govuk-body-s">The proof could not be fetched. {shown.message}</p> : null}
        {shown?.state === "checked" ? <ProofDetails shown={shown} /> : null}
      </div>
    </details>
  );
}

function ProofDetails({ shown }: { shown: Extract<Shown, { state: "checked" }> }) {
  const { proof, checkpoint, holds } = shown;
  return (
    <>
      <p className="govuk-body-s" data-testid="log-proof-result">
        {holds
          ? `Checked in this browser: entry ${proof.index} is in the log's signed checkpoint of ${proof.treeSize.toLocaleString("en-GB")} entries.`
          : checkpoint === null
            ? "The checkpoint is not signed with the log's key: this proof shows nothing."
            : "The proof does not lead to the checkpoint's root: this entry is not shown to be in the log."}
      </p>
      <dl className="govuk-summary-list govuk-summary-list--no-border gt-log-proof__list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Leaf hash</dt>
          <dd className="govuk-summary-list__value gt-code">{proof.leafHash}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Proof</dt>
          <dd className="govuk-summary-list__value gt-code">
            {proof.proof.length === 0 ? "none needed" : proof.proof.map((hash) => <span key={hash} className="gt-block">{hash}</span>)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Checkpoint</dt>
          <dd className="govuk-summary-list__value">
            <pre className="gt-log-proof__checkpoint">{proof.checkpoint}</pre>
          </dd>
        </div>
      </dl>
    </>
  );
}
