import type { InputHTMLAttributes } from "react";

type NativeInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "aria-describedby">;

export interface TextInputProps extends NativeInputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** GOV.UK width class, e.g. "govuk-input--width-20"; full width when left out. */
  widthClass?: string;
}

/** GOV.UK text input with its label, hint and error message wired up for assistive technology. */
export function TextInput({ id, label, hint, error, widthClass, ...inputProps }: TextInputProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={hintId} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        id={id}
        className={["govuk-input", widthClass, error ? "govuk-input--error" : undefined].filter(Boolean).join(" ")}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...inputProps}
      />
    </div>
  );
}
