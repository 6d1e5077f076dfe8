import type { TeamOption } from "./clients-api.ts";

interface TeamSelectProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  teams: TeamOption[];
  error?: string;
}

/** A GOV.UK select of teams. */
export function TeamSelect({ id, label, hint, value, onChange, teams, error }: TeamSelectProps) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <select
        id={id}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
      >
        <option value="">Choose a team</option>
        {[...teams]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
      </select>
    </div>
  );
}
