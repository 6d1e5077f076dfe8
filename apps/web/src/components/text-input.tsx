import type { InputHTMLAttributes } from "react";
import { LabelledFormGroup, describedBy, messageIds } from "./form-group.tsx";

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
  const { hintId, errorId } = messageIds(id, hint, error);
  return (
    <LabelledFormGroup id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        className={["govuk-input", widthClass, error ? "govuk-input--error" : undefined].filter(Boolean).join(" ")}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        {...inputProps}
      />
    </LabelledFormGroup>
  );
}
