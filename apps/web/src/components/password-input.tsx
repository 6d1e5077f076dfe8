import { useState } from "react";
import type { InputHTMLAttributes } from "react";
import { LabelledFormGroup, describedBy, messageIds } from "./form-group.tsx";

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
  const { hintId, errorId } = messageIds(id, hint, error);

  return (
    <LabelledFormGroup id={id} label={label} hint={hint} error={error} groupClass="govuk-password-input">
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          id={id}
          className={`govuk-input govuk-password-input__input${error ? " govuk-input--error" : ""}`}
          type={visible ? "text" : "password"}
          spellCheck={false}
          autoCapitalize="none"
          aria-describedby={describedBy(hintId, errorId)}
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
    </LabelledFormGroup>
  );
}
