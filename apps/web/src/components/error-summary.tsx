import { useEffect, useRef } from "react";
import type { MouseEvent } from "react";

export interface SummaryError {
  /** id of the field the message is about; the link moves focus there. */
  fieldId?: string;
  message: string;
}

interface ErrorSummaryProps {
  errors: SummaryError[];
  title?: string;
}

/**
 * GOV.UK error summary: shown at the top of the page after a failed submit, takes focus so a
 * screen reader announces it, and links each message to its field.
 */
export function ErrorSummary({ errors, title = "There is a problem" }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus follows what the errors say, not the array's identity, so typing after an error
  // (a re-render with equal errors) does not pull focus back to the summary.
  const said = errors.map((e) => `${e.fieldId ?? ""}:${e.message}`).join("\n");

  useEffect(() => {
    if (said) ref.current?.focus();
  }, [said]);

  if (errors.length === 0) return null;

  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.fieldId ?? ""}:${error.message}`}>
                {error.fieldId ? (
                  <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)}>
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

// As govuk-frontend's own script does: focus the field and bring its label into view,
// without changing the URL (the app's router owns it).
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string | undefined) {
  if (!fieldId) return;
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  const label = document.querySelector(`label[for="${CSS.escape(fieldId)}"]`);
  (label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}
