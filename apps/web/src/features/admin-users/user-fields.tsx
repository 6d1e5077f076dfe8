import { ROLES } from "@greentape/domain/roles";
import type { Role } from "@greentape/domain/roles";
import { TextInput } from "../../components/text-input.tsx";
import { ROLE_LABELS } from "../../lib/auth.tsx";
import { ROLE_DESCRIPTIONS, TEAM_ROLES } from "./users-api.ts";
import type { TeamOption } from "./users-api.ts";
import type { FieldErrors } from "../../lib/field-errors.ts";

export interface UserFieldValues {
  name: string;
  role: Role | "";
  teamId: string;
  staffId: string;
}

export type UserField = "name" | "email" | "role" | "teamId" | "staffId" | "temporaryPassword";
export type UserFieldErrors = FieldErrors<UserField>;

/** The ids the error summary links to. */
export const USER_FIELD_IDS: Record<UserField, string> = {
  name: "user-name",
  email: "user-email",
  role: "user-role",
  teamId: "user-team",
  staffId: "user-staff-id",
  temporaryPassword: "user-temporary-password",
};

/** Checks what both forms share; the add form adds email and password. */
export function checkUserFields(values: UserFieldValues): UserFieldErrors {
  const errors: UserFieldErrors = {};
  if (values.name.trim() === "") errors.name = "Enter the person's full name";
  if (values.role === "") errors.role = "Choose what this person does in Green Tape";
  else if (TEAM_ROLES.includes(values.role) && values.teamId === "") {
    errors.teamId = `Choose the team this ${ROLE_LABELS[values.role].toLowerCase()} belongs to`;
  }
  return errors;
}

interface UserFieldsProps {
  values: UserFieldValues;
  onChange(values: UserFieldValues): void;
  errors: UserFieldErrors;
  teams: TeamOption[];
}

/** Name, role (radios), team and staff ID. */
export function UserFields({ values, onChange, errors, teams }: UserFieldsProps) {
  const set = <K extends keyof UserFieldValues>(key: K, value: UserFieldValues[K]) => onChange({ ...values, [key]: value });
  const needsTeam = values.role !== "" && TEAM_ROLES.includes(values.role);

  return (
    <>
      <TextInput
        id={USER_FIELD_IDS.name}
        label="Full name"
        autoComplete="off"
        spellCheck={false}
        value={values.name}
        onChange={(event) => set("name", event.target.value)}
        error={errors.name}
      />

      <div className={`govuk-form-group${errors.role ? " govuk-form-group--error" : ""}`}>
        <fieldset className="govuk-fieldset" aria-describedby={errors.role ? "user-role-error" : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Role</legend>
          {errors.role ? (
            <p id="user-role-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {errors.role}
            </p>
          ) : null}
          <div className="govuk-radios govuk-radios--small">
            {ROLES.map((role, index) => (
              <div className="govuk-radios__item" key={role}>
                <input
                  className="govuk-radios__input"
                  id={index === 0 ? USER_FIELD_IDS.role : `user-role-${role}`}
                  name="role"
                  type="radio"
                  value={role}
                  checked={values.role === role}
                  onChange={() => set("role", role)}
                  aria-describedby={`user-role-${role}-hint`}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={index === 0 ? USER_FIELD_IDS.role : `user-role-${role}`}>
                  {ROLE_LABELS[role]}
                </label>
                <div id={`user-role-${role}-hint`} className="govuk-hint govuk-radios__hint">
                  {ROLE_DESCRIPTIONS[role]}
                </div>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      <div className={`govuk-form-group${errors.teamId ? " govuk-form-group--error" : ""}`}>
        <label className="govuk-label govuk-label--s" htmlFor={USER_FIELD_IDS.teamId}>
          Team
        </label>
        <div id="user-team-hint" className="govuk-hint">
          {needsTeam ? "Workers and supervisors act for one team." : "Optional for this role: it sees across teams."}
        </div>
        {errors.teamId ? (
          <p id="user-team-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {errors.teamId}
          </p>
        ) : null}
        <select
          id={USER_FIELD_IDS.teamId}
          className={`govuk-select${errors.teamId ? " govuk-select--error" : ""}`}
          value={values.teamId}
          onChange={(event) => set("teamId", event.target.value)}
          aria-describedby={["user-team-hint", errors.teamId ? "user-team-error" : ""].filter(Boolean).join(" ")}
        >
          <option value="">{needsTeam ? "Choose a team" : "No team"}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>

      <TextInput
        id={USER_FIELD_IDS.staffId}
        label="Staff ID (optional)"
        hint="The council's staff number. It goes on this person's rows in the finance exports."
        widthClass="govuk-input--width-10"
        autoComplete="off"
        spellCheck={false}
        value={values.staffId}
        onChange={(event) => set("staffId", event.target.value)}
        error={errors.staffId}
      />
    </>
  );
}

/** Field messages from a 400 answer, by our field names. */
export function serverFieldErrors(fieldMessage: (field: string) => string | undefined): UserFieldErrors {
  const errors: UserFieldErrors = {};
  for (const field of Object.keys(USER_FIELD_IDS) as UserField[]) {
    const message = fieldMessage(field);
    if (message) errors[field] = message;
  }
  return errors;
}
