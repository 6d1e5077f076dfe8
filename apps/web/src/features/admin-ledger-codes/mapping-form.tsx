import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useNavigate } from "../../lib/router.tsx";
import { ErrorSummary } from "../../components/error-summary.tsx";
import type { SummaryError } from "../../components/error-summary.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import type { FlashState } from "../../components/success-banner.tsx";
import { useSendOnce } from "../../components/use-send-once.ts";
import { ApiError } from "../../lib/api-client.ts";
import { describeApiError } from "../../lib/use-api-data.ts";

/** A change to send, and the banner the list shows once it is made. */
interface Change {
  send(): Promise<unknown>;
  flash: string;
}

interface MappingFormProps {
  caption: string;
  heading: string;
  saveLabel: string;
  /** The server's field names, each with the id of the input it is about. */
  fieldIds: Record<string, string>;
  /** Checks the fields: what is wrong with them, or the change they make. */
  check(): SummaryError[] | Change;
  /** Going back to no mapping; null when there is none to remove. */
  removal: (Change & { label: string }) | null;
  onErrors(has: boolean): void;
  children(fieldError: (fieldId: string) => string | undefined): ReactNode;
}

/** Setting, changing or removing one of the finance system's mappings, then back to the list. */
export function MappingForm({ caption, heading, saveLabel, fieldIds, check, removal, onErrors, children }: MappingFormProps) {
  const navigate = useNavigate();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const { busy: saving, send } = useSendOnce();

  function show(next: SummaryError[]) {
    setErrors(next);
    onErrors(next.length > 0);
  }

  async function make(change: Change, failed: (error: unknown) => SummaryError[]) {
    if (await send(change.send, (error) => show(failed(error)))) {
      void navigate("/admin/ledger-codes", { state: { flash: change.flash } satisfies FlashState });
    }
  }

  function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = check();
    if (Array.isArray(checked)) return show(checked);
    void make(checked, (error) => {
      const fieldErrors = error instanceof ApiError ? Object.entries(fieldIds).flatMap(([field, fieldId]) => {
        const message = error.fieldMessage(field);
        return message ? [{ fieldId, message }] : [];
      }) : [];
      return fieldErrors.length > 0 ? fieldErrors : [{ message: describeApiError(error) }];
    });
  }

  return (
    <>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{caption}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <form noValidate onSubmit={save}>
        {children((fieldId) => errors.find((e) => e.fieldId === fieldId)?.message)}
        <div className="govuk-button-group">
          <SubmitButton busy={saving} busyLabel="Saving…">
            {saveLabel}
          </SubmitButton>
          {removal ? (
            <button type="button" className="govuk-button govuk-button--secondary" aria-disabled={saving || undefined} onClick={() => void make(removal, (error) => [{ message: describeApiError(error) }])}>
              {removal.label}
            </button>
          ) : null}
        </div>
      </form>
    </>
  );
}
