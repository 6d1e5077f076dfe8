import { Link } from "../lib/router.tsx";
import { discardWrite, discardWrites, useOutbox } from "../lib/outbox.ts";
import type { WriteKind } from "../lib/outbox.ts";
import { WarningText } from "./warning-text.tsx";

/** What this phone still holds unsent: spends waiting for a signal, and any the server refused. */
export function OutboxStatus({ userId }: { userId: string }) {
  const outbox = useOutbox(userId);
  const waiting = outbox.records.filter((r) => r.state !== "needs-attention").length;
  const attention = outbox.records.length - waiting;
  return (
    <>
      {attention > 0 ? (
        <WarningText>
          {attention === 1 ? "A spend on this phone needs" : `${attention} spends on this phone need`} your attention.{" "}
          <Link className="govuk-link" to="/spends">
            See my spends
          </Link>
        </WarningText>
      ) : null}
      {waiting > 0 ? (
        <p className="govuk-body">
          {waiting === 1 ? "1 spend is" : `${waiting} spends are`} waiting on this phone to be sent.{" "}
          <Link className="govuk-link" to="/spends">
            See my spends
          </Link>
        </p>
      ) : null}
    </>
  );
}

/** `form`: the page where it is corrected; null for one corrected on the spend's own page. */
const WRITE_NAMES: Record<WriteKind, { name: string; form: string | null }> = {
  justification: { name: "Your justification", form: "justify" },
  "follow-up": { name: "Your follow-up", form: "follow-up" },
  "receipt-lost": { name: "Your lost-receipt declaration", form: null },
  receipt: { name: "Your receipt", form: null },
};

/** What was written about this spend that the phone still holds: waiting for a signal, or refused with the reason. */
export function QueuedWrites({ userId, spendId }: { userId: string; spendId: string }) {
  const writes = useOutbox(userId).writes.filter((w) => w.spendId === spendId);
  return (
    <>
      {writes.map((write) => {
        const { name, form } = WRITE_NAMES[write.kind];
        return write.state === "needs-attention" ? (
          <WarningText key={write.key} testId={`refused-${write.kind}`}>
            {name} was not accepted: {(write.problem?.detail ?? write.problem?.title ?? "the server refused it").replace(/\.$/, "")}. {write.kind === "receipt" ? "The file is kept on this phone." : "What you wrote is kept on this phone."}{" "}
            {form ? (
              <Link className="govuk-link" to={`/spends/${spendId}/${form}`}>
                Correct it and send it again
              </Link>
            ) : (
              <button type="button" className="gt-link-button" onClick={() => void (write.kind === "receipt" ? discardWrite(userId, write.key) : discardWrites(write))}>
                Discard it
              </button>
            )}
          </WarningText>
        ) : write.kind === "receipt" ? (
          // As on My spends: the receipt is on its way, not stuck (a photo takes a while on one bar).
          <p className="govuk-body" key={write.key} data-testid="waiting-receipt">
            <strong className="govuk-tag govuk-tag--light-blue">Receipt sending</strong> Your receipt is on this phone and goes by itself, now or when
            you have a signal.
          </p>
        ) : (
          <p className="govuk-body" key={write.key} data-testid={`waiting-${write.kind}`}>
            <strong className="govuk-tag govuk-tag--yellow">Waiting to send</strong> {name} is on this phone and will be sent by itself when you have a
            signal.
          </p>
        );
      })}
    </>
  );
}
