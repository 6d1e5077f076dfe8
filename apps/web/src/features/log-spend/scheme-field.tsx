import type { Scheme } from "../../lib/spend-reference-api.ts";
import { ChipRadios } from "./chip-radios.tsx";

interface SchemeFieldProps {
  schemes: readonly Scheme[];
  /** The chosen scheme, if it is one of them. */
  scheme: Scheme | null;
  onChange(schemeId: string): void;
  error?: string;
}

/** Which scheme pays: a choice only when the team has more than one. */
export function SchemeField({ schemes, scheme, onChange, error }: SchemeFieldProps) {
  if (schemes.length > 1) {
    return (
      <ChipRadios
        name="schemeId"
        legend="Scheme"
        options={schemes.map((s) => ({ value: s.id, label: s.name }))}
        value={scheme?.id ?? ""}
        onChange={onChange}
        error={error}
      />
    );
  }
  return scheme ? (
    <p className="govuk-body">
      Scheme: <strong>{scheme.name}</strong>
    </p>
  ) : (
    <p className="govuk-body">There is no scheme for your team yet. Ask your Green Tape administrator.</p>
  );
}
