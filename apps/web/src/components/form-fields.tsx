import type { ReactNode, Ref, TextareaHTMLAttributes } from "react";
import { FieldsetFormGroup, LabelledFormGroup, describedBy, messageIds } from "./form-group.tsx";

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
  const { hintId, errorId } = messageIds(id, hint, error);
  return (
    <LabelledFormGroup id={id} label={label} labelClass={labelClass} hint={hint} error={error}>
      <textarea
        id={id}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        rows={rows}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
        {...props}
      />
    </LabelledFormGroup>
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
  const { hintId, errorId } = messageIds(id, hint, error);
  return (
    <FieldsetFormGroup legend={legend} legendClass={legendClass} hint={hint} hintId={hintId} error={error} errorId={errorId}>
      <div className="govuk-radios">
        <RadioItems
          name={name}
          options={options}
          value={value}
          onChange={onChange}
          optionId={(option, index) => (index === 0 ? id : `${id}-${option.value}`)}
        />
      </div>
    </FieldsetFormGroup>
  );
}

interface RadioItemsProps<V extends string> {
  name: string;
  options: readonly RadioOption<V>[];
  value: V | "";
  onChange(value: V): void;
  /** Each radio's id; an error summary links to the first one's. */
  optionId(option: RadioOption<V>, index: number): string;
}

/** GOV.UK radio items, each with its label and, if the option has one, its hint; the caller gives the wrapper. */
export function RadioItems<V extends string>({ name, options, value, onChange, optionId }: RadioItemsProps<V>) {
  return options.map((option, index) => {
    const id = optionId(option, index);
    const hintId = option.hint ? `${id}-hint` : undefined;
    return (
      <div className="govuk-radios__item" key={option.value}>
        <input
          className="govuk-radios__input"
          id={id}
          name={name}
          type="radio"
          value={option.value}
          checked={value === option.value}
          onChange={() => onChange(option.value)}
          aria-describedby={hintId}
        />
        <label className="govuk-label govuk-radios__label" htmlFor={id}>
          {option.label}
        </label>
        {option.hint ? (
          <div id={hintId} className="govuk-hint govuk-radios__hint">
            {option.hint}
          </div>
        ) : null}
      </div>
    );
  });
}
