import { Link } from "react-router-dom";
import { useOutbox } from "../lib/outbox.ts";
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
