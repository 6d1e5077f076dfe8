import type { ReactNode } from "react";
import { ErrorMessage } from "./error-message.tsx";

/** The ids of a field's hint and error message, where it has them, for its aria-describedby. */
export function messageIds(id: string, hint: ReactNode, error: string | undefined): { hintId?: string; errorId?: string } {
  return { hintId: hint ? `${id}-hint` : undefined, errorId: error ? `${id}-error` : undefined };
}

/** aria-describedby naming each id given, or none at all when no id is. */
export function describedBy(...ids: (string | undefined)[]): string | undefined {
  return ids.filter(Boolean).join(" ") || undefined;
}

function formGroupClass(error: string | undefined, extraClass?: string): string {
  return ["govuk-form-group", extraClass, error ? "govuk-form-group--error" : undefined].filter(Boolean).join(" ");
}

interface HintAndErrorProps {
  hint?: ReactNode;
  hintId?: string;
  error?: string;
  errorId?: string;
  announceError?: boolean;
}

function HintAndError({ hint, hintId, error, errorId, announceError }: HintAndErrorProps) {
  return (
    <>
      {hint ? (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <ErrorMessage id={errorId} role={announceError ? "alert" : undefined}>
          {error}
        </ErrorMessage>
      ) : null}
    </>
  );
}

interface LabelledFormGroupProps {
  /** The control's id; its hint and error message get ids from `messageIds`. */
  id: string;
  label: ReactNode;
  /** GOV.UK label size class; "" for the plain label. */
  labelClass?: string;
  hint?: ReactNode;
  error?: string;
  /** A component's own form-group class, e.g. "govuk-character-count". */
  groupClass?: string;
  /** Where no error summary reports the error, it is read out as it appears. */
  announceError?: boolean;
  /** The control, which names the hint and error message in its aria-describedby. */
  children: ReactNode;
}

/** GOV.UK form group around one labelled control: label, then hint, then error message. */
export function LabelledFormGroup({ id, label, labelClass = "govuk-label--s", hint, error, groupClass, announceError, children }: LabelledFormGroupProps) {
  const { hintId, errorId } = messageIds(id, hint, error);
  return (
    <div className={formGroupClass(error, groupClass)}>
      <label className={["govuk-label", labelClass].filter(Boolean).join(" ")} htmlFor={id}>
        {label}
      </label>
      <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} announceError={announceError} />
      {children}
    </div>
  );
}

interface FieldsetFormGroupProps {
  legend: ReactNode;
  /** GOV.UK legend size class. */
  legendClass?: string;
  hint?: ReactNode;
  hintId?: string;
  error?: string;
  errorId?: string;
  /** The controls the legend asks about. */
  children: ReactNode;
}

/** GOV.UK form group around a question with several controls: a fieldset described by its hint and error message. */
export function FieldsetFormGroup({ legend, legendClass = "govuk-fieldset__legend--s", hint, hintId, error, errorId, children }: FieldsetFormGroupProps) {
  return (
    <div className={formGroupClass(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
        <HintAndError hint={hint} hintId={hintId} error={error} errorId={errorId} />
        {children}
      </fieldset>
    </div>
  );
}
