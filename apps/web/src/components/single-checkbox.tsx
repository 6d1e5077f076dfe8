interface SingleCheckboxProps {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** A GOV.UK small checkbox that stands alone, with a hint saying what ticking it means. */
export function SingleCheckbox({ id, label, hint, checked, onChange }: SingleCheckboxProps) {
  const hintId = `${id}-hint`;
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            type="checkbox"
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
            aria-describedby={hintId}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          <div id={hintId} className="govuk-hint govuk-checkboxes__hint">
            {hint}
          </div>
        </div>
      </div>
    </div>
  );
}
