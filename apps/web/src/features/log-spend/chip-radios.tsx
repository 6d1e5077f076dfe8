import { FieldsetFormGroup } from "../../components/form-group.tsx";

interface ChipOption {
  value: string;
  label: string;
}

interface ChipRadiosProps {
  /** Used for ids: the first chip is `${name}-0`, which an error summary can link to. */
  name: string;
  legend: string;
  options: readonly ChipOption[];
  value: string;
  onChange(value: string): void;
  error?: string;
}

/**
 * A GOV.UK radios question drawn as chips: one tap each on a phone. They stay real radio
 * buttons in a fieldset, so arrow keys, labels and screen readers behave as usual.
 */
export function ChipRadios({ name, legend, options, value, onChange, error }: ChipRadiosProps) {
  const errorId = error ? `${name}-error` : undefined;
  return (
    <FieldsetFormGroup legend={legend} error={error} errorId={errorId}>
      <div className={`gt-chips${error ? " gt-chips--error" : ""}`}>
        {options.map((option, index) => {
          const inputId = `${name}-${index}`;
          return (
            <div className="gt-chip" key={option.value}>
              <input
                className="gt-chip__input"
                type="radio"
                id={inputId}
                name={name}
                value={option.value}
                checked={value === option.value}
                onChange={() => onChange(option.value)}
              />
              <label className="gt-chip__label" htmlFor={inputId}>
                {option.label}
              </label>
            </div>
          );
        })}
      </div>
    </FieldsetFormGroup>
  );
}
