import { useState } from "react";
import type { InputHTMLAttributes } from "react";

type NativeInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className" | "type" | "aria-describedby">;

export interface PasswordInputProps extends NativeInputProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** GOV.UK password input, with the "Show" / "Hide" button that lets people check what they typed. */
export function PasswordInput({ id, label, hint, error, ...inputProps }: PasswordInputProps) {
  const [visible, setVisible] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={`govuk-form-group govuk-password-input${error ? " govuk-form-group--error" : ""}`}>
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
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          id={id}
          className={`govuk-input govuk-password-input__input${error ? " govuk-input--error" : ""}`}
          type={visible ? "text" : "password"}
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          {...inputProps}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle"
          aria-controls={id}
          aria-label={visible ? "Hide password" : "Show password"}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? "Hide" : "Show"}
        </button>
      </div>
      <div className="govuk-visually-hidden" aria-live="polite">
        {visible ? "Your password is visible" : ""}
      </div>
    </div>
  );
}
