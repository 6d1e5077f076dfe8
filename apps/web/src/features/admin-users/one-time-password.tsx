import { useState } from "react";
import { WarningText } from "../../components/warning-text.tsx";

interface OneTimePasswordProps {
  password: string;
  /** Whose password it is, for the instructions. */
  name: string;
}

/** A temporary password, shown this once, with how to hand it over. */
export function OneTimePassword({ password, name }: OneTimePasswordProps) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const canCopy = typeof navigator !== "undefined" && navigator.clipboard !== undefined;

  async function copy() {
    try {
      await navigator.clipboard.writeText(password);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }

  return (
    <>
      <h2 className="govuk-heading-m">Temporary password</h2>
      <p className="govuk-body govuk-!-margin-bottom-1">Give {name} this password:</p>
      <p className="gt-one-time-password" data-testid="temporary-password">
        {password}
      </p>
      {canCopy ? (
        <p className="govuk-body">
          <button type="button" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" onClick={() => void copy()}>
            Copy password
          </button>
        </p>
      ) : null}
      <p className="govuk-body" aria-live="polite">
        {copied === "yes" ? "Password copied." : copied === "no" ? "The password could not be copied. Write it down instead." : ""}
      </p>
      <WarningText>
        This is the only time this password is shown. Give it to {name} in person or by phone, not by email. They must
        choose their own password when they first sign in with it.
      </WarningText>
    </>
  );
}
