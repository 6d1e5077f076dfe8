import type { ReactNode, Ref, TextareaHTMLAttributes } from "react";

type NativeTextareaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "className" | "aria-describedby">;

interface TextareaProps extends NativeTextareaProps {
  id: string;
  label: string;
  /** GOV.UK label size class, e.g. "govuk-label--s". */
  labelClass?: string;
  hint?: ReactNode;
  error?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** GOV.UK textarea with label, hint and error wired up for assistive technology. */
export function Textarea({ id, label, labelClass = "govuk-label--s", hint, error, rows = 5, ...props }: TextareaProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${labelClass}`} htmlFor={id}>
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
      <textarea
        id={id}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        rows={rows}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
        {...props}
      />
    </div>
  );
}

export interface RadioOption<V extends string> {
  value: V;
  label: string;
  hint?: string;
}

interface RadiosProps<V extends string> {
  /** The first radio gets this id, so an error summary link lands on it. */
  id: string;
  name: string;
  legend: string;
  legendClass?: string;
  hint?: string;
  options: readonly RadioOption<V>[];
  value: V | "";
  onChange(value: V): void;
  error?: string;
}

/** GOV.UK radios in a fieldset, with a legend, hints per option and an error message. */
export function Radios<V extends string>({ id, name, legend, legendClass = "govuk-fieldset__legend--m", hint, options, value, onChange, error }: RadiosProps<V>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}>
        <legend className={`govuk-fieldset__legend ${legendClass}`}>{legend}</legend>
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
        <div className="govuk-radios">
          {options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${option.value}`;
            const optionHintId = option.hint ? `${optionId}-hint` : undefined;
            return (
              <div className="govuk-radios__item" key={option.value}>
                <input
                  className="govuk-radios__input"
                  id={optionId}
                  name={name}
                  type="radio"
                  value={option.value}
                  checked={value === option.value}
                  onChange={() => onChange(option.value)}
                  aria-describedby={optionHintId}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                  {option.label}
                </label>
                {option.hint ? (
                  <div id={optionHintId} className="govuk-hint govuk-radios__hint">
                    {option.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
